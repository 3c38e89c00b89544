/** IMEI normalisation and the Luhn check digit that catches typos in inventories. */

/** Digits of an IMEI as written ("35-209900-176148-1", "35 209900 176148 1"), or undefined if not 15 digits. */
export function normalizeImei(text: string): string | undefined {
  const digits = text.replace(/[\s\-./]/g, '');
  return /^\d{15}$/.test(digits) ? digits : undefined;
}

/** True when the last digit of a 15-digit IMEI is its Luhn check digit. */
export function imeiCheckDigitOk(imei: string): boolean {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = imei.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === imei.charCodeAt(14) - 48;
}
