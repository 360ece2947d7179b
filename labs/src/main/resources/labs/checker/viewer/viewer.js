// Draws a checked history from the JSON in #history-data. Every text from the history is
// inserted with textContent, never as markup.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('history-data').textContent);
  var tooltip = document.getElementById('tooltip');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function rankX(rank) {
    return 'calc(var(--u) * ' + (rank + 0.5) + ')';
  }

  function rankW(from, to, minPx) {
    return 'max(' + minPx + 'px, calc(var(--u) * ' + Math.max(0, to - from) + '))';
  }

  function showTip(event, lines) {
    tooltip.textContent = '';
    lines.forEach(function (line, i) {
      if (i === 0) tooltip.appendChild(el('b', null, line));
      else tooltip.appendChild(document.createTextNode('\n' + line));
    });
    tooltip.hidden = false;
    var x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    var y = event.clientY + 16;
    if (y + tooltip.offsetHeight > window.innerHeight - 8) y = event.clientY - tooltip.offsetHeight - 10;
    tooltip.style.left = Math.max(4, x) + 'px';
    tooltip.style.top = Math.max(4, y) + 'px';
  }

  function hideTip() { tooltip.hidden = true; }

  // Each partition's unit (pixels per distinct time) fits its timeline to the window at zoom 1.
  var zoomFactor = 1;
  var zoomed = [];

  function applyZoom() {
    var avail = Math.max(400, document.documentElement.clientWidth - 96 - 90);
    zoomed.forEach(function (z) {
      var base = Math.min(80, Math.max(6, avail / (z.ranks + 1)));
      z.node.style.setProperty('--u', (base * zoomFactor).toFixed(2) + 'px');
    });
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function renderHeader() {
    var top = document.getElementById('top');
    document.title = data.title + ' \u2014 ' + data.verdict;
    var h1 = el('h1', null, data.title);
    h1.appendChild(el('span', 'badge verdict verdict-' + data.verdict, data.verdict));
    top.appendChild(h1);
    top.appendChild(el('div', 'summary', data.summary));
    var bar = el('div', 'toolbar');
    var legend = el('div', 'legend');
    [['linearized', 'in the shown linearizable prefix (numbered in order)', 'var(--ok-bg)', 'var(--ok)'],
     ['blocked', 'stuck: returned before it could take effect', 'var(--bad-bg)', 'var(--bad)'],
     ['other', 'not in the shown prefix', '#eceff2', '#b8bec7']].forEach(function (item) {
      var span = el('span', 'legend-item');
      var sw = el('span', 'swatch');
      sw.style.background = item[2];
      sw.style.borderColor = item[3];
      span.appendChild(sw);
      span.appendChild(document.createTextNode(item[1]));
      legend.appendChild(span);
    });
    bar.appendChild(legend);
    var zoom = el('label', 'zoom', 'zoom ');
    var range = el('input');
    range.type = 'range';
    range.id = 'zoom';
    range.min = '-3';
    range.max = '4';
    range.step = '0.25';
    range.value = '0';
    range.addEventListener('input', function () {
      zoomFactor = Math.pow(2, Number(range.value));
      applyZoom();
    });
    zoom.appendChild(range);
    bar.appendChild(zoom);
    top.appendChild(bar);
  }

  function renderPartition(p) {
    var details = el('details', 'partition');
    details.id = 'partition-' + p.index;
    details.dataset.verdict = p.verdict;
    if (p.verdict !== 'OK' || data.partitions.length === 1) details.open = true;
    var summary = el('summary');
    summary.appendChild(el('span', 'pname', p.name));
    summary.appendChild(el('span', 'badge verdict-' + p.verdict, p.verdict));
    var longest = p.longest >= 0 ? p.partials[p.longest].order.length : 0;
    summary.appendChild(el('span', 'pinfo', plural(p.ops.length, 'operation') + ', ' +
        plural(p.clients.length, 'client') + '; longest linearizable prefix: ' + longest +
        ' of ' + p.ops.length));
    if (p.note) summary.appendChild(el('span', 'note', p.note));
    details.appendChild(summary);
    var body = el('div', 'pbody');
    details.appendChild(body);
    document.getElementById('partitions').appendChild(details);
    zoomed.push({ node: details, ranks: p.ranks });

    var timeline = el('div', 'timeline');
    var rows = el('div', 'rows');
    timeline.appendChild(rows);
    body.appendChild(timeline);
    var width = 'calc(var(--u) * ' + (p.ranks + 1) + ')';

    if (data.annotations.length > 0) {
      var alane = el('div', 'lane annotations-lane');
      alane.appendChild(el('div', 'lane-label', 'events'));
      var atrack = el('div', 'lane-track');
      atrack.style.width = width;
      p.bands.forEach(function (b) {
        var a = data.annotations[b.annotation];
        var label = el('div', 'band-label kind-' + a.kind, a.label);
        label.style.left = rankX(b.start);
        label.addEventListener('mousemove', function (ev) {
          showTip(ev, [a.label, a.details, 'from ' + a.start + ' to ' + a.end]);
        });
        label.addEventListener('mouseleave', hideTip);
        atrack.appendChild(label);
      });
      alane.appendChild(atrack);
      rows.appendChild(alane);
    }

    // One lane per client; overlapping operations of one client get extra rows.
    var opEls = [];
    p.clients.forEach(function (client) {
      var mine = [];
      p.ops.forEach(function (op, i) { if (op.client === client) mine.push(i); });
      mine.sort(function (a, b) { return p.ops[a].start - p.ops[b].start; });
      var rowEnds = [];
      var rowOf = {};
      mine.forEach(function (i) {
        var op = p.ops[i];
        var end = op.end < 0 ? p.ranks : op.end;
        var r = 0;
        while (r < rowEnds.length && rowEnds[r] >= op.start) r++;
        rowEnds[r] = end;
        rowOf[i] = r;
      });
      var lane = el('div', 'lane');
      lane.dataset.client = client;
      lane.appendChild(el('div', 'lane-label', 'client ' + client));
      var track = el('div', 'lane-track');
      track.style.width = width;
      track.style.height = 'calc(var(--lane-h) * ' + Math.max(1, rowEnds.length) + ')';
      mine.forEach(function (i) {
        var op = p.ops[i];
        var end = op.end < 0 ? p.ranks : op.end;
        var bar = el('div', 'op');
        bar.dataset.op = op.id;
        bar.style.left = rankX(op.start);
        bar.style.width = rankW(op.start, end, 6);
        bar.style.top = 'calc(var(--lane-h) * ' + rowOf[i] + ' + 3px)';
        opEls[i] = bar;
        track.appendChild(bar);
      });
      lane.appendChild(track);
      rows.appendChild(lane);
    });

    var bands = el('div', 'bands');
    p.bands.forEach(function (b) {
      var a = data.annotations[b.annotation];
      var band = el('div', 'band kind-' + a.kind);
      band.style.left = rankX(b.start);
      band.style.width = rankW(b.start, b.end, 2);
      bands.appendChild(band);
    });
    rows.appendChild(bands);

    var side = el('div', 'side');
    var caption = el('span', 'caption');
    side.appendChild(caption);
    var reset = el('button', null, 'show the longest prefix');
    side.appendChild(reset);
    body.appendChild(side);
    var steps = el('ol', 'steps');
    body.appendChild(steps);

    var view = { partial: -1, focus: -1 };

    function describeOp(i) {
      var op = p.ops[i];
      return 'client ' + op.client + ': ' + op.text;
    }

    function select(partialIndex, focus) {
      view.partial = partialIndex;
      view.focus = focus;
      var partial = partialIndex >= 0 ? p.partials[partialIndex] : { order: [], states: [], blocked: -1 };
      var position = {};
      partial.order.forEach(function (i, k) { position[i] = k; });
      opEls.forEach(function (bar, i) {
        var op = p.ops[i];
        var cls = 'op';
        bar.textContent = '';
        if (position[i] !== undefined) {
          cls += ' linearized';
          bar.appendChild(el('span', 'pos', position[i] + 1));
        } else if (i === partial.blocked) {
          cls += ' blocked';
          bar.appendChild(el('span', 'failure-marker', '\u2716 stuck'));
        } else if (op.end < 0 && p.verdict === 'OK') {
          cls += ' dropped';
        }
        if (op.end < 0) cls += ' pending';
        if (i === focus) cls += ' focus';
        bar.className = cls;
        bar.appendChild(el('span', 'text', op.text));
      });
      caption.textContent = (partialIndex === p.longest ? 'Longest linearizable prefix' :
          'Longest linearizable prefix containing the selected operation') + ': ' +
          partial.order.length + ' of ' + p.ops.length + ' operations' +
          (partial.blocked >= 0 ? ', stuck at the red operation' : '');
      reset.hidden = partialIndex === p.longest;
      steps.textContent = '';
      var init = el('li', 'init', 'initial state: ' + data.states[p.initialState]);
      init.value = 0;
      steps.appendChild(init);
      partial.order.forEach(function (i, k) {
        var li = el('li', null, describeOp(i) + '  ');
        li.appendChild(el('span', 'state', '\u21d2 ' + data.states[partial.states[k]]));
        steps.appendChild(li);
      });
      if (partial.blocked >= 0) {
        steps.appendChild(el('li', 'stuck', '\u2716 stuck: ' + describeOp(partial.blocked) +
            ' returned before it could take effect after this prefix'));
      }
    }

    function tipFor(i) {
      var op = p.ops[i];
      var lines = [describeOp(i), 'operation #' + op.id + ', called at ' + op.call +
          (op.end < 0 ? ', never returned' : ', returned at ' + op.ret)];
      var partial = view.partial >= 0 ? p.partials[view.partial] : null;
      var k = partial ? partial.order.indexOf(i) : -1;
      if (k >= 0) {
        lines.push('step ' + (k + 1) + ' of the shown prefix; state after: ' +
            data.states[partial.states[k]]);
      } else if (partial && partial.blocked === i) {
        lines.push('stuck: it returned before it could take effect after the shown prefix');
      } else {
        lines.push('not in the shown prefix');
      }
      lines.push(op.longest >= 0 ? 'click: show the longest prefix containing it'
          : 'no linearizable prefix contains it');
      return lines;
    }

    opEls.forEach(function (bar, i) {
      bar.addEventListener('mousemove', function (ev) { showTip(ev, tipFor(i)); });
      bar.addEventListener('mouseleave', hideTip);
      bar.addEventListener('click', function () {
        if (p.ops[i].longest >= 0) select(p.ops[i].longest, i);
      });
    });
    reset.addEventListener('click', function () { select(p.longest, -1); });
    select(p.longest, -1);
  }

  renderHeader();
  data.partitions.forEach(renderPartition);
  applyZoom();
  window.addEventListener('resize', applyZoom);
  document.body.dataset.rendered = 'true';
})();
