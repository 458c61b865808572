// expect: code/open-redirect
const params = new URLSearchParams(location.search);
location.href = params.get('next');
