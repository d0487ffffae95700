// The mapping workbench: sends the editor's mapping to POST /api/mappings/preview (the API itself, with the
// session's CSRF token) and draws what it answers. Text goes in through textContent only: a
// page's values are the platform's, never markup.
(function () {
  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="_csrf"]');
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]');
  // the page's words in its language, rendered from the bundles (data-text-* on #workbench)
  const say = (name) => $('workbench').dataset[name];
  // each reason code's name in the page's language; a record's own message (technical, English) is its tooltip
  const reasonNames = {};
  document.querySelectorAll('#reason-names li').forEach((li) => { reasonNames[li.dataset.code] = li.textContent; });

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function describe(request) {
    if (!request) return '';
    const query = Object.entries(request.query || {}).map(([k, v]) => k + '=' + v).join('&');
    return request.method + ' ' + request.url + (query ? '?' + query : '');
  }

  function showProblems(body) {
    $('problems-file').textContent = body.file || '';
    const list = $('problem-list');
    list.replaceChildren();
    (body.problems || []).forEach((p) => {
      const li = document.createElement('li');
      li.className = 'problem';
      li.dataset.key = p.key;
      li.textContent = (p.key ? p.key + '：' : '') + p.reason;
      list.appendChild(li);
    });
    $('problems').classList.remove('hidden');
  }

  function showPreview(answer) {
    const valid = answer.records.filter((r) => r.valid).length;
    $('count-records').textContent = answer.records.length;
    $('count-valid').textContent = valid;
    $('count-invalid').textContent = answer.records.length - valid;

    const pages = $('pages').querySelector('tbody');
    pages.replaceChildren();
    answer.pages.forEach((p, i) => {
      const row = document.createElement('tr');
      row.className = p.error ? 'row-warn' : '';
      cell(row, i + 1);
      cell(row, p.request ? describe(p.request) : say('textSample'), 'mono');
      cell(row, p.status);
      cell(row, p.records, 'num');
      cell(row, p.total, 'num');
      cell(row, p.error ? p.errorCode + '：' + p.error : '');
      pages.appendChild(row);
    });
    $('next-page').textContent = answer.nextPage ? describe(answer.nextPage) : say('textNoNext');
    const c = answer.cursor || {};
    $('cursor').textContent = c.field ? (c.highWater || say('textNoUpdated')) + '　' + c.checkpoint : say('textNoCursor');
    $('next-pass').textContent = Object.entries(c.nextPassQuery || {}).map(([k, v]) => k + '=' + v).join('&');

    const records = $('records').querySelector('tbody');
    records.replaceChildren();
    answer.records.forEach((r) => {
      const row = document.createElement('tr');
      row.dataset.valid = r.valid;
      row.dataset.record = r.sourceRecordId == null ? '' : r.sourceRecordId;
      if (!r.valid) row.className = 'row-warn invalid';
      const f = r.record || {};
      cell(row, r.page);
      cell(row, r.sourceRecordId, 'mono');
      cell(row, f.idNumber, 'mono');
      cell(row, f.name);
      cell(row, f.courseName);
      cell(row, f.subject);
      cell(row, f.kind);
      cell(row, f.hours, 'num');
      cell(row, f.completionDate, 'nowrap');
      cell(row, f.state);
      const problems = cell(row, '');
      r.violations.forEach((v) => {
        const badge = document.createElement('span');
        badge.className = 'badge b-REJECTED violation';
        badge.dataset.code = v.code;
        badge.title = v.message;
        badge.textContent = v.code;
        problems.appendChild(badge);
        problems.appendChild(document.createTextNode(' ' + (reasonNames[v.code] || v.message) + ' '));
      });
      records.appendChild(row);
    });
    $('result').classList.remove('hidden');
  }

  async function preview(fetchPage) {
    const body = { mapping: $('mapping').value };
    if (fetchPage) body.fetch = true; else body.page = $('page').value;
    $('problems').classList.add('hidden');
    $('result').classList.add('hidden');
    $('preview-state').textContent = fetchPage ? say('textConnecting') : say('textPreviewing');
    const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrf && csrfHeader) headers[csrfHeader.content] = csrf.content;
    try {
      const response = await fetch('/api/mappings/preview', { method: 'POST', headers, body: JSON.stringify(body) });
      const answer = await response.json().catch(() => ({}));
      if (response.status === 400) {
        showProblems(answer);
        $('preview-state').textContent = say('textRefused');
      } else if (!response.ok) {
        $('preview-state').textContent = 'HTTP ' + response.status;
      } else {
        showPreview(answer);
        $('preview-state').textContent = say('textDone');
      }
    } catch (e) {
      $('preview-state').textContent = say('textFailed') + e;
    }
  }

  $('preview-sample').addEventListener('click', () => preview(false));
  $('preview-fetch').addEventListener('click', () => preview(true));
})();
