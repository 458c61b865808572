// expect: code/xss
window.addEventListener('message', (event) => {
  document.write(event.data.html);
});
