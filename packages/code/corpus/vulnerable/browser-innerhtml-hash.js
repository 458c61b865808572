// expect: code/xss
const banner = document.getElementById('banner');
const message = decodeURIComponent(location.hash.slice(1));
banner.innerHTML = '<strong>' + message + '</strong>';
