// The API's flame graph viewer: fetches one request's profile (or the aggregate, request_id=all) from
// ../profile/flamegraph with the token in the Authorization header, then hands it to the bundled speedscope as a
// blob: URL (speedscope's own #profileURL= parameter fetches without headers). The token lives in sessionStorage
// only: never in a URL, so it reaches no log, history or Referer.
'use strict';

const TOKEN_KEY = 'spacetime.viewer.token';
const params = new URLSearchParams(window.location.search);
const requestId = params.get('request_id');
const view = params.get('view'); // speedscope's view: time_ordered, left_heavy or sandwich

const $ = (id) => document.getElementById(id);

function describe() {
  if (requestId === 'all') {
    return 'All kept requests, aggregated.';
  }
  return requestId ? 'Request ' + requestId + '.' : 'The slowest recent request.';
}

function showError(message) {
  $('status').textContent = '';
  $('error').textContent = message;
  $('error').hidden = false;
}

function askForToken(message) {
  $('token-form').hidden = false;
  $('token').focus();
  if (message) {
    showError(message);
  }
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.message || body.error || response.statusText;
  } catch (e) {
    return response.statusText;
  }
}

async function open(token) {
  $('error').hidden = true;
  $('status').textContent = 'Loading the profile…';
  const query = new URLSearchParams({format: 'speedscope'});
  if (requestId) {
    query.set('request_id', requestId);
  }
  let response;
  try {
    response = await fetch('../profile/flamegraph?' + query, {
      headers: {Authorization: 'Bearer ' + token},
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    showError('The API did not answer (' + e.message + '). Is the server running?');
    return;
  }
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    askForToken('The token was refused: ' + await errorMessage(response)
        + '. It may be mistyped, revoked or expired: enter a current one.');
    return;
  }
  if (response.status === 403) {
    sessionStorage.removeItem(TOKEN_KEY);
    askForToken('This token may not read profiles (' + await errorMessage(response) + '): use a reader or admin token.');
    return;
  }
  if (response.status === 404) {
    showError(await errorMessage(response) + '. The profiler keeps the last requests (slow ones longer); this one is'
        + ' no longer kept, or the id is wrong.');
    return;
  }
  if (!response.ok) {
    showError('The API answered ' + response.status + ': ' + await errorMessage(response));
    return;
  }
  const profile = await response.text();
  let title = describe();
  try {
    title = JSON.parse(profile).name || title; // "<id> <METHOD> <endpoint> <status>", or the aggregate's name
  } catch (e) {
    // speedscope reports a file it cannot read
  }
  start(URL.createObjectURL(new Blob([profile], {type: 'application/json'})), title);
}

// speedscope reads its parameters from the fragment when its script runs, so the fragment is set first.
function start(profileUrl, title) {
  let fragment = 'profileURL=' + encodeURIComponent(profileUrl) + '&title=' + encodeURIComponent(title);
  if (view) {
    fragment += '&view=' + encodeURIComponent(view);
  }
  history.replaceState(null, '', '#' + fragment);
  $('viewer').remove();
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = document.body.dataset.speedscopeStyle;
  document.head.appendChild(style);
  const script = document.createElement('script');
  script.src = document.body.dataset.speedscopeScript;
  document.body.appendChild(script);
}

document.addEventListener('DOMContentLoaded', () => {
  $('what').textContent = describe();
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    $('token').value = '';
    $('token-form').hidden = true;
    sessionStorage.setItem(TOKEN_KEY, token);
    open(token);
  });
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    open(token);
  } else {
    askForToken();
  }
});
