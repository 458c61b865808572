import DOMPurify from 'dompurify';

export function Preview() {
  const params = new URLSearchParams(window.location.search);
  const html = DOMPurify.sanitize(params.get('preview'));
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
