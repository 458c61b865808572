const params = new URLSearchParams(location.search);
location.href = '/app/' + encodeURIComponent(params.get('next'));
