/** Names and places for the demo organisation: a national election administration with regional commissions. */

export const FIRST_NAMES = [
  'Alexander', 'Alexei', 'Anastasia', 'Anna', 'Andrei', 'Daria', 'Dmitry', 'Ekaterina', 'Elena', 'Evgeny', 'Galina', 'Igor',
  'Irina', 'Ivan', 'Kirill', 'Ksenia', 'Larisa', 'Maria', 'Marina', 'Maxim', 'Mikhail', 'Natalia', 'Nikolai', 'Olga',
  'Pavel', 'Polina', 'Roman', 'Sergei', 'Sofia', 'Svetlana', 'Tatiana', 'Valentina', 'Vera', 'Viktor', 'Vladimir', 'Yulia',
  'Yuri', 'Zoya', 'Oleg', 'Lyudmila', 'Artem', 'Boris', 'Denis', 'Gleb', 'Inna', 'Konstantin', 'Lidia', 'Nadezhda',
] as const;

export const LAST_NAMES = [
  'Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Vasiliev', 'Petrov', 'Sokolov', 'Mikhailov', 'Novikov', 'Fedorov', 'Morozov',
  'Volkov', 'Alekseev', 'Lebedev', 'Semenov', 'Egorov', 'Pavlov', 'Kozlov', 'Stepanov', 'Nikolaev', 'Orlov', 'Andreev',
  'Makarov', 'Nikitin', 'Zakharov', 'Zaitsev', 'Soloviev', 'Borisov', 'Yakovlev', 'Grigoriev', 'Romanov', 'Vorobiev',
  'Sergeev', 'Kuzmin', 'Frolov', 'Alexandrov', 'Dmitriev', 'Korolev', 'Gusev', 'Kiselev', 'Ilyin', 'Maximov', 'Polyakov',
  'Sorokin', 'Vinogradov', 'Kovalev', 'Belov', 'Medvedev', 'Antonov', 'Tarasov', 'Zhukov', 'Baranov', 'Filippov', 'Komarov',
] as const;

/** Regions with a regional election commission. */
export const REGIONS = [
  'Tver', 'Kaluga', 'Tula', 'Ryazan', 'Vladimir', 'Yaroslavl', 'Kostroma', 'Ivanovo', 'Smolensk', 'Bryansk', 'Oryol', 'Kursk',
  'Belgorod', 'Voronezh', 'Lipetsk', 'Tambov', 'Penza', 'Saratov', 'Samara', 'Novgorod', 'Pskov', 'Vologda', 'Kirov', 'Perm',
] as const;

/** Departments of the central commission, with a share of its staff each. */
export const CENTRAL_UNITS = [
  ['Secretariat', 0.3], ['Legal Department', 0.2], ['IT Department', 0.2], ['Press Service', 0.1], ['Ballot Logistics', 0.2],
] as const;

/** Administration departments outside election work. */
export const SUPPORT_UNITS = ['Finance', 'Human Resources', 'Procurement'] as const;

/** Female form of a Russian surname, so names read right. */
export function femaleSurname(last: string): string {
  return last.endsWith('ov') || last.endsWith('ev') || last.endsWith('in') ? `${last}a` : last.replace(/y$/, 'aya');
}

/** First names read as female in the list above. */
export function isFemale(first: string): boolean {
  return /a$/.test(first) && !['Nikita', 'Ilya'].includes(first);
}
