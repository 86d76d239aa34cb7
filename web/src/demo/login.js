// The demo article's "log in as a reader" switch (native/server/demo_login.h):
// asks the demo server for a token for the typed name and hands it to the
// widget with widget.setUser(token), so the next post is a signed-in one.
// The token lives in sessionStorage: a reload keeps the sign-in, a new tab
// does not. Only the demo page loads this file; a real site signs its own
// readers in (docs/sso.md).
(() => {
  const form = document.getElementById('demo-login');
  if (!form) return;
  const status = document.getElementById('demo-login-status');
  const logout = document.getElementById('demo-logout');
  const storageKey = 'soundoff:demo-sign-in';

  // A widget that has not mounted yet reads the token from its script tag
  // (data-soundoff-sso-token); a mounted one takes it through setUser.
  const script = document.querySelector('script[data-soundoff-thread]');
  const useToken = (token) => {
    if (script) {
      if (token) script.dataset.soundoffSsoToken = token;
      else delete script.dataset.soundoffSsoToken;
    }
    window.SoundoffWidget?.widget?.setUser(token);
  };
  const show = (signedIn) => {
    status.textContent = signedIn ? `Signed in as ${signedIn.name}${signedIn.staff ? ' (staff)' : ''}` : 'Not signed in';
    logout.hidden = !signedIn;
  };
  const signIn = (signedIn) => {
    useToken(signedIn ? signedIn.token : null);
    show(signedIn);
  };

  form.hidden = false;
  try {
    const kept = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    signIn(kept && kept.expires * 1000 > Date.now() ? kept : null);
  } catch {
    signIn(null);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.elements.name.value;
    const staff = form.elements.staff.checked;
    try {
      const response = await fetch('/demo/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, staff }),
      });
      const answer = await response.json();
      if (!response.ok) {
        status.textContent = answer.message ?? `the server answered ${response.status}`;
        return;
      }
      const signedIn = { name, staff, token: answer.token, expires: answer.expires };
      sessionStorage.setItem(storageKey, JSON.stringify(signedIn));
      signIn(signedIn);
    } catch (e) {
      status.textContent = `Could not sign in: ${e.message}`;
    }
  });
  logout.addEventListener('click', () => {
    sessionStorage.removeItem(storageKey);
    signIn(null);
  });
})();
