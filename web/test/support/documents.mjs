// Deterministic comment documents for tests and benchmarks: `count` comments,
// about a third top level, the rest replying to an earlier comment, a few
// hidden (pending/spam/deleted), bodies of realistic length.
export function makeDocument(count, { seed = 1, thread = 'generated' } = {}) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const words = ['syria', 'talks', 'moscow', 'reply', 'button', 'banasy', 'mary', 'war', 'peace', 'deal', 'the', 'a'];
  const start = Date.UTC(2013, 8, 9, 20, 0, 0);
  const comments = [];
  for (let i = 1; i <= count; i++) {
    const length = 8 + Math.floor(random() * 30);
    const body = Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
    const comment = {
      id: String(i),
      author: `user${Math.floor(random() * 200)}`,
      created: new Date(start + i * 37_000).toISOString(),
      body,
      score: Math.floor(random() * 20) - 5,
      up: Math.floor(random() * 30),
      down: Math.floor(random() * 10),
    };
    if (i > 1 && random() < 0.66) comment.parent = String(1 + Math.floor(random() * (i - 1)));
    const r = random();
    if (r < 0.02) comment.status = 'deleted';
    else if (r < 0.03) comment.status = 'pending';
    comments.push(comment);
  }
  return { thread, comments };
}

export const documentBytes = (document) => new TextEncoder().encode(JSON.stringify(document));
