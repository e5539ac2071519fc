// esbuild's `.css: text` loader (scripts/build.mjs) turns a CSS import into its text; the view adopts it as a
// constructed stylesheet (the CSP forbids inline <style>).
declare module '*.css' {
  const text: string;
  export default text;
}
