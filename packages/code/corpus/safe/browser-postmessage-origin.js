window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  document.getElementById('out').textContent = event.data.text;
});
