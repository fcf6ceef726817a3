// The simulator page: a group chat in the browser. Everything shown is escaped (textContent),
// nothing is fetched from outside this server.
(function () {
  'use strict';
  const state = { directory: null, group: null, posts: [], bot: [], lastPost: 0, lastBot: 0, quote: null, photo: null };
  const $ = (id) => document.getElementById(id);

  async function api(path, options) {
    const res = await fetch(path, options);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function personName(userId) {
    const p = state.directory.people.find((x) => x.user_id === userId);
    return p ? p.name : userId;
  }

  function fillDirectory() {
    const d = state.directory;
    $('township').textContent = '拍客 · ' + d.township;
    const list = $('group-list');
    list.textContent = '';
    d.groups.forEach((g) => {
      const li = el('li', '', g.name);
      li.dataset.group = g.group_id;
      li.addEventListener('click', () => selectGroup(g.group_id));
      list.appendChild(li);
    });
    $('now').textContent = d.now.replace('T', ' ').slice(0, 16);
  }

  function fillPeople() {
    const g = state.directory.groups.find((x) => x.group_id === state.group);
    const select = $('person');
    const previous = select.value;
    select.textContent = '';
    state.directory.people
      .filter((p) => (g.user_id ? p.user_id === g.user_id : !g.village || p.villages.length === 0 || p.villages.includes(g.village)))
      .forEach((p) => {
        const option = el('option', '', p.name + '（' + p.role_name + '）');
        option.value = p.user_id;
        select.appendChild(option);
      });
    if ([...select.options].some((o) => o.value === previous)) select.value = previous;
  }

  function selectGroup(groupId) {
    state.group = groupId;
    state.posts = [];
    state.bot = [];
    state.lastPost = 0;
    state.lastBot = 0;
    document.querySelectorAll('#group-list li').forEach((li) => li.classList.toggle('active', li.dataset.group === groupId));
    const g = state.directory.groups.find((x) => x.group_id === groupId);
    $('group-name').textContent = g.name;
    fillPeople();
    render();
    poll();
  }

  function bubbleText(text, mentions) {
    // Highlight "@姓名" of the people the bot mentions.
    const names = (mentions || []).map(personName).filter(Boolean);
    const frag = document.createDocumentFragment();
    const pattern = names.length ? new RegExp('(@(?:' + names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + '))') : null;
    (pattern ? text.split(pattern) : [text]).forEach((part) => {
      if (pattern && pattern.test(part) && part.startsWith('@')) frag.appendChild(el('span', 'mention', part));
      else frag.appendChild(document.createTextNode(part));
    });
    return frag;
  }

  function render() {
    const box = $('messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.textContent = '';
    const items = state.posts.map((p) => ({ kind: 'post', at: p.received_at, order: 0, p }))
      .concat(state.bot.map((m) => ({ kind: 'bot', at: m.created_at, order: 1, m })));
    items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
    const me = $('person').value;
    items.forEach((item) => {
      if (item.kind === 'post') {
        const p = item.p;
        const row = el('div', 'msg' + (p.user_id === me ? ' mine' : ''));
        row.appendChild(el('div', 'avatar', (p.user_name || '?').slice(-2)));
        const body = el('div', 'body');
        body.appendChild(el('div', 'name', p.user_name));
        const bubble = el('div', 'bubble');
        if (p.text) bubble.appendChild(document.createTextNode(p.text));
        if (p.location) bubble.appendChild(el('div', 'quote', '📍 ' + p.location.lat + ', ' + p.location.lng));
        if (p.has_image) {
          const img = el('img');
          img.src = '/sim/api/posts/' + p.id + '/image';
          img.alt = '照片';
          bubble.appendChild(img);
        }
        if (p.reply_to) bubble.appendChild(el('div', 'quote', '回复 ' + p.reply_to));
        body.appendChild(bubble);
        row.appendChild(body);
        box.appendChild(row);
      } else {
        const m = item.m;
        const row = el('div', 'msg bot');
        row.appendChild(el('div', 'avatar', '拍客'));
        const body = el('div', 'body');
        body.appendChild(el('div', 'name', '拍客助手 · ' + m.id));
        const bubble = el('div', 'bubble');
        bubble.title = '点击引用这条消息';
        bubble.appendChild(bubbleText(m.text, m.mentions));
        if (m.image_url) {
          const img = el('img');
          img.src = m.image_url;
          img.alt = '图片';
          bubble.appendChild(img);
        }
        bubble.addEventListener('click', () => setQuote(m));
        body.appendChild(bubble);
        row.appendChild(body);
        box.appendChild(row);
      }
    });
    if (atBottom) box.scrollTop = box.scrollHeight;
  }

  function setQuote(m) {
    state.quote = m;
    $('quote-text').textContent = m ? '引用：' + m.text.slice(0, 40) : '';
    $('quote-bar').hidden = !m;
  }

  async function poll() {
    if (!state.group) return;
    const group = state.group;
    try {
      const q = encodeURIComponent(group);
      const [posts, bot] = await Promise.all([
        api('/sim/api/posts?group_id=' + q + '&after=' + state.lastPost),
        api('/sim/api/messages?group_id=' + q + '&after=m-' + state.lastBot),
      ]);
      if (group !== state.group) return;
      if (posts.length) {
        state.posts = state.posts.concat(posts);
        state.lastPost = posts[posts.length - 1].id;
      }
      if (bot.length) {
        state.bot = state.bot.concat(bot);
        state.lastBot = Number(bot[bot.length - 1].id.slice(2));
      }
      if (posts.length || bot.length) render();
    } catch (e) {
      $('status').textContent = '连接服务器失败：' + e.message;
    }
  }

  function readPhoto(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  async function send(event) {
    event.preventDefault();
    if (!state.group) {
      $('status').textContent = '请先在左侧选择一个群';
      return;
    }
    const person = state.directory.people.find((p) => p.user_id === $('person').value);
    const body = {
      event_id: 'web-' + Date.now() + '-' + Math.random().toString(36).slice(2, 8),
      group_id: state.group,
      user_id: person.user_id,
      user_name: person.name,
      time: new Date().toISOString(),
      text: $('text').value,
    };
    if (state.photo) body.image_b64 = await readPhoto(state.photo);
    const loc = $('location').value.trim();
    if (loc) {
      const parts = loc.split(/[,，\s]+/).map(Number);
      if (parts.length !== 2 || parts.some(isNaN)) {
        $('status').textContent = '位置请写成“纬度,经度”，例如 36.623,117.01';
        return;
      }
      body.location = { lat: parts[0], lng: parts[1] };
    }
    if (state.quote) body.reply_to = state.quote.id;
    // A voice note as a platform hands it over: the typed words are its transcript (none: untranscribed).
    if ($('voice').checked) {
      body.voice = body.text ? { transcript: body.text } : {};
      body.text = '';
    }
    if (!body.text && !body.image_b64 && !body.location && !body.voice) return;
    $('send').disabled = true;
    try {
      await api('/webhook/sim', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      $('text').value = '';
      $('location').value = '';
      $('voice').checked = false;
      $('photo').value = '';
      $('photo-name').textContent = '';
      state.photo = null;
      setQuote(null);
      $('status').textContent = '';
      setTimeout(poll, 150);
    } catch (e) {
      $('status').textContent = '发送失败：' + e.message;
    } finally {
      $('send').disabled = false;
    }
  }

  async function advance(by) {
    try {
      const r = await api('/sim/api/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance: by }) });
      $('now').textContent = r.now.replace('T', ' ').slice(0, 16);
      setTimeout(poll, 300);
    } catch (e) {
      $('status').textContent = '调整时间失败：' + e.message;
    }
  }

  async function main() {
    state.directory = await api('/sim/api/directory');
    fillDirectory();
    $('composer').addEventListener('submit', send);
    $('text').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) send(e);
    });
    $('photo').addEventListener('change', () => {
      state.photo = $('photo').files[0] || null;
      $('photo-name').textContent = state.photo ? state.photo.name : '';
    });
    $('person').addEventListener('change', render);
    $('quote-cancel').addEventListener('click', () => setQuote(null));
    document.querySelectorAll('[data-advance]').forEach((b) => b.addEventListener('click', () => advance(b.dataset.advance)));
    const first = state.directory.groups[0];
    if (first) selectGroup(first.group_id);
    setInterval(poll, 1000);
  }

  main().catch((e) => { $('status').textContent = '加载失败：' + e.message; });
})();
