/** IMEI normalisation and the Luhn check digit that catches typos in inventories. */

/** Digits of an IMEI as written ("35-209900-176148-1", "35 209900 176148 1"), or undefined if not 15 digits. */
export function normalizeImei(text: string): string | undefined {
  const digits = text.replace(/[\s\-./]/g, '');
  return /^\d{15}$/.test(digits) ? digits : undefined;
}

/** The Luhn check digit of the first 14 digits of an IMEI. */
function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = body.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of a 15-digit IMEI is its Luhn check digit. */
export function imeiCheckDigitOk(imei: string): boolean {
  return checkDigit(imei) === imei.charCodeAt(14) - 48;
}

/** A 15-digit IMEI from its first 14 digits (TAC and serial), with the check digit appended. */
export function imeiWithCheckDigit(body: string): string {
  return `${body}${checkDigit(body)}`;
}
