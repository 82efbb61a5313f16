/** Vite's `?inline` import: the file's text, minified in production builds. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
