// expect: code/xss
export function Preview() {
  const params = new URLSearchParams(window.location.search);
  const html = params.get('preview');
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
