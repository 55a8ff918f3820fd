// Placeholder entry until the full client lands (issue: client).
const app = document.getElementById('app')!;
app.textContent = 'Concord';
