// Entry of dist/admin.js, loaded by the /admin page (native/server/admin_page.cpp).
import { startConsole } from './app.js';

const start = () => startConsole(document.getElementById('soundoff-admin') ?? document.body);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
