// SPDX-License-Identifier: GPL-3.0-or-later
//
// Clipper's reader script. It runs in its own script world, so the page
// (which runs no script of its own anyway) can neither call it nor forge
// its messages. It reports selections and clicks to Clipper and draws the
// highlights Clipper gives it.
//
// Offsets count UTF-16 code units over the canonical text: the text nodes
// under #clipper-content in document order, less blank ones directly
// inside it or inside table structure. textNodes() mirrors
// src/core/annotate/clipper-text.c (clipper_text_node_counts()); change both, and
// the test that compares them on every fixture.

(function () {
  'use strict';

  const VERSION = 1;
  const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'];
  const TABLE_PARTS = new Set(['TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'COLGROUP']);

  // Each message says which kind of page sent it: the view may be on its
  // way to another page by the time it arrives.
  function post(message) {
    message.version = VERSION;
    message.stored = !LIVE;
    window.webkit.messageHandlers.clipper.postMessage(message);
  }

  const LIVE = window.location.protocol !== 'clipper:';
  const CONTEXT = 32;

  // A stored clipping's article, or a live page's body.
  function root() {
    return LIVE ? document.body : document.getElementById('clipper-content');
  }

  function isEditable(target) {
    if (!target || target.nodeType !== Node.ELEMENT_NODE)
      return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.nodeName);
  }

  function isMark(node) {
    return node.nodeType === Node.ELEMENT_NODE && node.classList.contains('clipper-highlight');
  }

  function textNodes() {
    const top = root();
    const nodes = [];
    if (!top)
      return nodes;
    const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentNode;
      if ((parent === top || TABLE_PARTS.has(parent.nodeName)) && !/[^ \n\t\r\f]/.test(node.data))
        continue;
      nodes.push(node);
    }
    return nodes;
  }

  // The canonical offset of a DOM boundary point.
  function offsetOf(container, offset, nodes) {
    const point = document.createRange();
    point.setStart(root(), 0);
    point.setEnd(container, offset);
    let total = 0;
    for (const node of nodes) {
      if (node === container)
        return total + offset;
      if (!point.intersectsNode(node))
        break;
      total += node.length;
    }
    return total;
  }

  function selectionOffsets() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed)
      return null;
    const range = selection.getRangeAt(0);
    const top = root();
    if (!top || !top.contains(range.commonAncestorContainer))
      return null;
    const nodes = textNodes();
    const text = nodes.map(node => node.data).join('');
    const chosen = snapToWords(text, offsetOf(range.startContainer, range.startOffset, nodes),
                               offsetOf(range.endContainer, range.endOffset, nodes));
    if (chosen.end <= chosen.start)
      return null;
    const rect = range.getBoundingClientRect();
    return {start: chosen.start, end: chosen.end, exact: text.slice(chosen.start, chosen.end),
            x: rect.left, y: rect.top, width: rect.width, height: rect.height};
  }

  // A selection that starts or ends in the middle of a word takes the whole
  // word (by Unicode's word rules, so CJK and punctuation behave); one made
  // inside a single word is kept as the reader chose it.
  function snapToWords(text, start, end) {
    if (end <= start || typeof Intl === 'undefined' || !Intl.Segmenter)
      return {start: start, end: end};
    const segments = new Intl.Segmenter(document.documentElement.lang || undefined,
                                        {granularity: 'word'}).segment(text);
    const first = segments.containing(start);
    const last = segments.containing(end - 1);
    if (!first || !last || first.index === last.index)
      return {start: start, end: end};
    if (first.isWordLike)
      start = first.index;
    if (last.isWordLike)
      end = last.index + last.segment.length;
    return {start: start, end: end};
  }

  // The canonical text nodes with their offsets, kept up to date while
  // highlights split them, so drawing many highlights stays linear-ish.
  function textIndex() {
    const nodes = textNodes();
    const starts = new Array(nodes.length);
    let position = 0;
    for (let i = 0; i < nodes.length; i++) {
      starts[i] = position;
      position += nodes[i].length;
    }
    return {nodes: nodes, starts: starts};
  }

  // The first node that ends after @offset.
  function findNode(index, offset) {
    let low = 0;
    let high = index.nodes.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (index.starts[middle] + index.nodes[middle].length <= offset)
        low = middle + 1;
      else
        high = middle;
    }
    return low;
  }

  // Wraps [start, end) in <mark> elements, one per text node it covers.
  function wrap(highlight, index) {
    const marks = [];
    if (index.nodes.length === 0)
      return marks;
    let i = findNode(index, highlight.start);
    while (i < index.nodes.length && index.starts[i] < highlight.end) {
      let node = index.nodes[i];
      const nodeStart = index.starts[i];
      if (node.length === 0 || nodeStart + node.length <= highlight.start) {
        i++;
        continue;
      }
      const from = Math.max(highlight.start - nodeStart, 0);
      const to = Math.min(highlight.end - nodeStart, node.length);
      if (to < node.length) {
        const after = node.splitText(to);
        index.nodes.splice(i + 1, 0, after);
        index.starts.splice(i + 1, 0, nodeStart + to);
      }
      if (from > 0) {
        node = node.splitText(from);
        index.nodes.splice(i + 1, 0, node);
        index.starts.splice(i + 1, 0, nodeStart + from);
        i++;
      }
      const mark = document.createElement('mark');
      mark.className = 'clipper-highlight clipper-' + highlight.color;
      mark.dataset.highlight = String(highlight.id);
      if (highlight.note)
        mark.title = highlight.note;
      node.parentNode.insertBefore(mark, node);
      mark.appendChild(node);
      marks.push(mark);
      i++;
    }
    return marks;
  }

  function marksOf(id) {
    return Array.from(document.querySelectorAll('mark.clipper-highlight[data-highlight="' + Number(id) + '"]'));
  }

  function unwrap(mark) {
    const parent = mark.parentNode;
    while (mark.firstChild)
      parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parent.normalize();
  }

  // The text nodes split by marks are adjacent siblings again after
  // unwrapping; normalize() above joins them, so offsets stay canonical.

  const api = {
    version: VERSION,

    text() {
      return textNodes().map(node => node.data).join('');
    },

    // Draws highlights: [{id, start, end, color, note}], in any order.
    apply(list) {
      let removed = false;
      for (const highlight of list) {
        for (const mark of marksOf(highlight.id)) {
          unwrap(mark);
          removed = true;
        }
      }
      // Unwrapping merges text nodes back, so index after it. Longer
      // highlights first: a shorter one inside another is then drawn
      // inside it, on top.
      const index = textIndex();
      const ordered = list.slice().sort((a, b) => (b.end - b.start) - (a.end - a.start));
      for (const highlight of ordered) {
        if (COLORS.includes(highlight.color) && highlight.end > highlight.start)
          wrap(highlight, index);
      }
      return removed ? -1 : list.length;
    },

    remove(id) {
      marksOf(id).forEach(unwrap);
    },

    recolor(id, color) {
      if (!COLORS.includes(color))
        return;
      for (const mark of marksOf(id))
        mark.className = 'clipper-highlight clipper-' + color;
    },

    setNote(id, note) {
      for (const mark of marksOf(id))
        mark.title = note || '';
    },

    // Scrolls to a place a reading stopped at, in thousandths of the way.
    scrollToProgress(permille) {
      const range = document.documentElement.scrollHeight - window.innerHeight;
      if (range > 0)
        window.scrollTo(0, Math.round(range * Math.min(Math.max(permille, 0), 1000) / 1000));
    },

    scrollTo(id) {
      const marks = marksOf(id);
      if (marks.length === 0)
        return false;
      marks[0].scrollIntoView({block: 'center', behavior: 'smooth'});
      for (const mark of marks) {
        mark.classList.remove('clipper-flash');
        void mark.offsetWidth;
        mark.classList.add('clipper-flash');
      }
      return true;
    },

    // Selects [start, end) of the canonical text, as a user would.
    select(start, end) {
      const nodes = textNodes();
      let position = 0;
      const range = document.createRange();
      let started = false;
      for (const node of nodes) {
        const next = position + node.length;
        if (!started && start <= next) {
          range.setStart(node, start - position);
          started = true;
        }
        if (started && end <= next) {
          range.setEnd(node, end - position);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          const element = range.startContainer.parentElement;
          if (element)
            element.scrollIntoView({block: 'center'});
          return true;
        }
        position = next;
      }
      return false;
    },

    selection: selectionOffsets,
  };

  window.clipper = api;

  // H: highlight; 1 to 5: highlight in a colour; N: highlight and write a note.
  // Only keys the user pressed: a page can dispatch key events of its own.
  document.addEventListener('keydown', event => {
    if (!event.isTrusted || event.ctrlKey || event.altKey || event.metaKey || isEditable(event.target))
      return;
    const key = event.key.toLowerCase();
    let color = null;
    let note = false;
    if (key === 'h')
      color = 'default';
    else if (key === 'n') {
      color = 'default';
      note = true;
    } else if (key >= '1' && key <= '5')
      color = COLORS[Number(key) - 1];
    else
      return;
    const selected = selectionOffsets();
    if (!selected)
      return;
    event.preventDefault();
    if (LIVE) {
      // A live page's text is not kept: the quote and its context are.
      const text = api.text();
      post({type: 'live-highlight', start: selected.start, end: selected.end,
            exact: text.slice(selected.start, selected.end),
            prefix: text.slice(Math.max(0, selected.start - CONTEXT), selected.start),
            suffix: text.slice(selected.end, selected.end + CONTEXT),
            color: color, note: note});
    } else {
      post({type: 'highlight', start: selected.start, end: selected.end, exact: selected.exact,
            color: color, note: note});
    }
    window.getSelection().removeAllRanges();
  }, true);

  // A finished selection: Clipper shows its popover there.
  document.addEventListener('mouseup', () => {
    if (LIVE)
      return;
    window.setTimeout(() => {
      const selected = selectionOffsets();
      if (selected)
        post({type: 'selection', start: selected.start, end: selected.end, exact: selected.exact,
              x: selected.x, y: selected.y, width: selected.width, height: selected.height});
    }, 0);
  });

  document.addEventListener('mousedown', () => post({type: 'dismiss'}));
  document.addEventListener('scroll', () => post({type: 'dismiss'}), {passive: true});

  // The length of a highlight's text, over all its marks.
  function highlightLength(id) {
    let length = 0;
    for (const mark of marksOf(id))
      length += mark.textContent.length;
    return length;
  }

  // A click inside nested highlights chooses the shortest one there: the
  // word highlighted inside a highlighted paragraph.
  document.addEventListener('click', event => {
    let mark = null;
    let shortest = Infinity;
    for (let node = event.target; node && node.closest; node = node.parentElement) {
      const found = node.closest('mark.clipper-highlight');
      if (!found)
        break;
      const length = highlightLength(Number(found.dataset.highlight));
      if (length < shortest) {
        shortest = length;
        mark = found;
      }
      node = found;
    }
    if (!mark || !window.getSelection().isCollapsed)
      return;
    const rect = mark.getBoundingClientRect();
    post({type: 'activate', id: Number(mark.dataset.highlight),
          x: rect.left, y: rect.top, width: rect.width, height: rect.height});
  });

  // How far a stored clipping was read: where its window's bottom is, in
  // thousandths, once scrolling rests.
  if (!LIVE) {
    let timer = 0;
    window.addEventListener('scroll', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const range = document.documentElement.scrollHeight - window.innerHeight;
        const permille = range > 0 ? Math.round(1000 * window.scrollY / range) : 1000;
        post({type: 'read', permille: Math.min(Math.max(permille, 0), 1000)});
      }, 300);
    }, {passive: true});
  }

  post({type: 'ready', length: api.text().length});
})();
