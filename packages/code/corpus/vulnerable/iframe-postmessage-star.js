// expect: code/postmessage-wildcard
const frame = document.getElementById('payments');
frame.contentWindow.postMessage({ sessionToken: getSessionToken() }, '*');
