const frame = document.getElementById('payments');
frame.contentWindow.postMessage({ sessionToken: getSessionToken() }, 'https://pay.example.com');
