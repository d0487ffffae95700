// A running sync's page: polls GET /api/runs/{id} and moves the progress bar until the run has
// finished, then shows done or failed (the page's own words, data-text-*) with the final counts. Without script the page still shows
// the counts as they were when it was rendered.
(function () {
  'use strict';
  var page = document.getElementById('run');
  if (!page || page.dataset.finished === 'true') {
    return;
  }
  var id = page.dataset.runId;
  var bar = document.getElementById('progress-bar');
  var track = bar.parentElement;
  var statusBadge = document.getElementById('run-status');

  // the server's format: yyyy-MM-dd HH:mm on Shandong's clock, whatever the browser's language
  function time(iso) {
    return iso ? new Date(iso).toLocaleString('sv-SE', {timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit'}) : '';
  }

  // the page's sentences in its language, rendered from the bundles: {0} and {1} are filled in here
  function say(name, a, b) {
    return page.dataset[name].replace('{0}', a).replace('{1}', b);
  }

  function duration(s) {
    if (s < 60) { return say('textS', s); }
    if (s < 3600) { return say('textMs', Math.floor(s / 60), s % 60); }
    return say('textHm', Math.floor(s / 3600), Math.floor((s % 3600) / 60));
  }

  // counts grouped by thousands with a comma, as the server renders them (Labels.count)
  function count(value) {
    return typeof value === 'number' && Number.isInteger(value) ? value.toLocaleString('en-US') : value;
  }

  function show(run) {
    document.querySelectorAll('[data-field]').forEach(function (el) {
      // a field the API does not answer (the outcome, in the reader's language) stays as rendered
      if (!(el.dataset.field in run)) { return; }
      var value = run[el.dataset.field];
      el.textContent = value === null ? '' : count(value);
    });
    document.getElementById('of-total').classList.toggle('hidden', !run.expectedTotal);
    var done = run.finishedAt !== null && run.finishedAt !== undefined;
    var percent = done ? 100 : (run.expectedTotal ? Math.min(100, Math.floor(run.fetched * 100 / run.expectedTotal)) : null);
    if (percent !== null) {
      track.classList.remove('indeterminate');
      bar.style.width = percent + '%';
      track.setAttribute('aria-valuenow', percent);
      document.getElementById('percent').textContent = '· ' + percent + '%';
    }
    var eta = document.getElementById('eta-wrap');
    eta.classList.toggle('hidden', done || run.etaSeconds === null);
    if (!done && run.etaSeconds !== null) {
      document.getElementById('eta').textContent = duration(run.etaSeconds);
    }
    document.getElementById('finished').textContent = time(run.finishedAt);
    statusBadge.className = 'badge big b-' + run.status;
    statusBadge.dataset.code = run.status;
    if (done) {
      statusBadge.textContent = run.status === 'SUCCEEDED' ? page.dataset.textDone : page.dataset.textFailed;
      bar.classList.toggle('failed', run.status !== 'SUCCEEDED');
      page.dataset.finished = 'true';
      if (run.reasonCode) {
        // how it ended is said in the page's language, which the server renders: show it
        setTimeout(function () { location.reload(); }, 1500);
      }
    }
    return done;
  }

  function poll() {
    fetch('/api/runs/' + encodeURIComponent(id), {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (answer) {
        if (!answer.ok) { throw new Error('HTTP ' + answer.status); }
        return answer.json();
      })
      .then(function (run) {
        if (!show(run)) { setTimeout(poll, 1000); }
      })
      .catch(function () {
        // a restart or a dropped connection: try again, a little later
        setTimeout(poll, 3000);
      });
  }

  setTimeout(poll, 500);
})();
