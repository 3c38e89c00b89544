// ua-parser-js 1.x (MIT) ships no types; this declares the part Cordon uses. 2.x is AGPL: never upgrade.
declare module 'ua-parser-js' {
  interface UAParserResult {
    os: { name?: string; version?: string };
    device: { vendor?: string; model?: string; type?: string };
  }
  interface UAParserInstance {
    getResult(): UAParserResult;
  }
  const UAParser: { new (ua: string): UAParserInstance };
  export default UAParser;
}
