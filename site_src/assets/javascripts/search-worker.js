/*
 * Bốn tốt: the site search, a web worker in place of Material's (overrides/main.html points the
 * theme's `search` setting here). It speaks Material's message protocol, so the theme's search box,
 * result list and highlighting stay as they are:
 *
 *   SETUP  {type: 0, data: {config, docs}}  -> READY  {type: 1}
 *   QUERY  {type: 2, data: "what was typed"} -> RESULT {type: 3, data: {items: [[page, ...sections]]}}
 *
 * Vietnamese words are syllables separated by spaces, so a name or a term is several "words", each
 * common on its own. The ranking therefore weighs, in this order:
 *   1. how many of the query's syllables the entry has (every syllable counts; a prefix of the last
 *      one, as people type, counts half; a syllable one typo away counts less still; a symbol such
 *      as `1288-KH/ĐU` is one term, found only where it stands whole);
 *   2. with diacritics typed, how many syllables match as typed (`Hạnh` before `Hành`);
 *   3. per field, the syllables found and how many of them stand next to each other in the query's
 *      order (a phrase, such as a name or a symbol `1288-KH/ĐU`, beats the same syllables scattered),
 *      times the field's weight: page title > person's name > heading > body.
 * Folding (lower case, no tone marks or diacritics, đ -> d) is generator/outputs/search.py's `fold`, kept
 * identical (tests/browser/test_fold_parity.py). Code outside comments is ASCII.
 */
;(function (scope) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  // Field weights: what readers mean by a match.
  var WEIGHT = { pageTitle: 10, names: 7, heading: 5, text: 1 }
  // Strength of one query syllable's match.
  var EXACT = 1, PREFIX = 0.5, TYPO = 0.4
  var MAX_WORDS = 12  // longer queries: the first twelve syllables
  var SNIPPET_WORDS = 28  // a sentence longer than this is cut around the match
  var SHOWN = 100  // pages whose results get snippets and marks; Material shows ten and adds more on scrolling
  // Pages listed at most. Material shows ten and more as the reader scrolls; at 20,000 units a syllable
  // such as `chi` is on every page, and sending them all to the page costs more than the search.
  var LISTED = 1000
  var MIN_PREFIX = 2  // a last word of one letter is not yet a prefix: `d` would be half the vocabulary

  var MARKS = /[\u0300-\u036f]/g

  // The index's words and postings, made at build time (generator/outputs/search_terms.py, same version).
  var TERMS = "bontot_terms", TERMS_VERSION = 1
  var LAST = 0x23, MORE = 0x5d  // first characters of a number's last group and of its other groups

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D")
      .toLowerCase().normalize("NFC")
  }

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " }

  function unescapeHtml(text) {
    return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, function (_, name) { return ENTITIES[name] })
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
  }

  /* Index text is HTML. Plain text, with a line break where a paragraph, list item or table row
     ends, so that snippets never run across them. */
  function plainText(html) {
    return unescapeHtml(html
      .replace(/<\/(p|li|tr|h\d|div|dd|dt)>|<br\s*\/?>/gi, "\n")
      .replace(/<[^>]*>/g, " "))
  }

  /* Words of a text, with their place: {folded, lower, start, end}. */
  // A word's lower-case and folded forms, worked out once per distinct word (the index repeats its words).
  var forms = new Map()

  function formsOf(word) {
    var known = forms.get(word)
    if (!known) {
      var composed = word.normalize("NFC")
      forms.set(word, known = { lower: composed.toLowerCase(), folded: fold(composed) })
    }
    return known
  }

  function tokenize(text, separator) {
    var tokens = []
    var sep = new RegExp(separator.source, "g")
    var index = 0, match
    do {
      match = sep.exec(text)
      var until = match ? match.index : text.length
      if (index < until) {
        var word = formsOf(text.slice(index, until))
        tokens.push({ folded: word.folded, lower: word.lower, start: index, end: until })
      }
      if (match) {
        index = match.index + match[0].length
        if (match[0].length === 0)
          sep.lastIndex++
      }
    } while (match)
    return tokens
  }

  /* Sentence starts: after a line break, or after . ; ! ? followed by a space. */
  function sentenceStarts(text) {
    var starts = [0]
    var re = /\n+|[.;!?](?=\s)\s*/g, match
    while ((match = re.exec(text)))
      starts.push(match.index + match[0].length)
    return starts
  }

  /* ------------------------------------------------------------------------------------- */

  var index = null

  /* Ids written by generator/outputs/search_terms.py (`encode_ids`): gaps, base 32, a character from `]` for a
     group that continues the number, from `#` for its last group; or, after `!`, a bitmap of six ids
     per character, from `#` up, skipping the backslash. */
  function decodeIds(text) {
    var ids = [], previous = -1, value = 0
    if (text.charAt(0) === "!") {
      for (var place = 1; place < text.length; place++) {
        var code = text.charCodeAt(place), bits = code - LAST - (code > 0x5c ? 1 : 0)
        for (var bit = 0; bit < 6; bit++)
          if (bits & (1 << bit))
            ids.push((place - 1) * 6 + bit)
      }
      return ids
    }
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i)
      if (code >= MORE) {
        value = value * 32 + code - MORE
      } else {
        previous += value * 32 + code - LAST + 1
        ids.push(previous)
        value = 0
      }
    }
    return ids
  }

  /* An entry's fields and their words, worked out the first time the entry is scored. */
  function fieldsOf(entry) {
    if (!entry.fields) {
      var doc = entry.doc
      var fields = [
        { name: "title", weight: entry.isPage ? WEIGHT.pageTitle : WEIGHT.heading, text: unescapeHtml(doc.title || "") },
        { name: "text", weight: WEIGHT.text, text: plainText(doc.text || "") }
      ]
      if (doc.names)
        fields.push({ name: "names", weight: WEIGHT.names, text: unescapeHtml(doc.names) })
      fields.forEach(function (field) { field.tokens = tokenize(field.text, index.separator) })
      entry.fields = fields
    }
    return entry.fields
  }

  function setup(data) {
    var docs = data.docs
    // Pages by number (entries of a page are neighbours in the index); `own`: each page's own entry.
    var entries = [], numbers = Object.create(null), own = []
    docs.forEach(function (doc, id) {
      var hash = doc.location.indexOf("#"), isPage = hash < 0
      var page = isPage ? doc.location : doc.location.slice(0, hash)
      var number = numbers[page]
      if (number === undefined)
        number = numbers[page] = own.length
      entries.push({ doc: doc, page: number, isPage: isPage, fields: null })
      if (isPage || own[number] === undefined)
        own[number] = id
    })
    index = {
      separator: new RegExp(data.config.separator + "|[*+~^]"), entries: entries, own: own,
      postings: new Map(), encoded: null, vocabulary: null
    }
    // The words and postings made at build time; without them (another version, an index written by
    // hand), every entry is tokenised here, as generator/outputs/search_terms.py would have done.
    var block = data.config[TERMS]
    if (block && block.version === TERMS_VERSION && block.entries === docs.length) {
      index.encoded = new Map()
      block.terms.forEach(function (term, i) { index.encoded.set(term, block.postings[i]) })
      index.vocabulary = block.terms
      return
    }
    entries.forEach(function (entry, id) {
      fieldsOf(entry).forEach(function (field) {
        field.tokens.forEach(function (token) {
          var list = index.postings.get(token.folded)
          if (!list)
            index.postings.set(token.folded, list = [])
          if (list[list.length - 1] !== id)
            list.push(id)
        })
      })
    })
    index.vocabulary = Array.from(index.postings.keys()).sort()
  }

  function hasTerm(term) {
    return index.encoded ? index.encoded.has(term) : index.postings.has(term)
  }

  /* The ids of the entries holding `term`, ascending (decoded on first use). */
  function postingsOf(term) {
    var ids = index.postings.get(term)
    if (!ids && index.encoded && index.encoded.has(term))
      index.postings.set(term, ids = decodeIds(index.encoded.get(term)))
    return ids || []
  }

  /* ------------------------------------------------------------------------------------- */

  /* Terms of the vocabulary that start with `prefix` (sorted, found by bisection). */
  function withPrefix(prefix) {
    var words = index.vocabulary, lo = 0, hi = words.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (words[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    var found = []
    for (var i = lo; i < words.length && words[i].lastIndexOf(prefix, 0) === 0; i++)
      found.push(words[i])
    return found
  }

  /* One edit apart: a letter added, dropped, changed, or two neighbours swapped. */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b)
      return false
    var i = 0
    while (i < a.length && i < b.length && a[i] === b[i])
      i++
    if (a.length === b.length)
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
  }

  /* The query's syllables, and for each the index terms it matches, with a strength. */
  function parse(query) {
    query = query.normalize("NFC")
    var words = tokenize(query, index.separator).slice(0, MAX_WORDS)
    // A word still being typed: the last one, unless a space follows it.
    var typing = words.length > 0 && words[words.length - 1].end === query.length
    // A symbol (`1288-KH/ĐU`): words joined by - or / with a digit among them is one term.
    var group = 0
    words.forEach(function (word, i) {
      var glued = i > 0 && /^[-\/]+$/.test(query.slice(words[i - 1].end, word.start))
      word.group = glued ? words[i - 1].group : ++group
    })
    var symbols = Object.create(null)
    words.forEach(function (word) {
      if (/\d/.test(word.folded))
        symbols[word.group] = true
    })
    return words.map(function (word, i) {
      var terms = Object.create(null)
      var known = hasTerm(word.folded)
      if (known)
        terms[word.folded] = EXACT
      if (i === words.length - 1 && typing && word.folded.length >= MIN_PREFIX)
        withPrefix(word.folded).forEach(function (term) {
          if (!(term in terms))
            terms[term] = PREFIX
        })
      if (!known && word.folded.length >= 3)
        index.vocabulary.forEach(function (term) {
          if (!(term in terms) && oneEdit(word.folded, term))
            terms[term] = TYPO
        })
      var symbol = symbols[word.group] && words.filter(function (w) { return w.group === word.group }).length > 1
      return {
        lower: word.lower, folded: word.folded, accented: word.folded !== word.lower, terms: terms,
        symbol: symbol ? word.group : 0
      }
    })
  }

  /* How a field matches: per position, the query syllables found there (strength, as typed). */
  function matchField(field, words) {
    var n = words.length, tokens = field.tokens
    var hits = [], found = new Array(n).fill(0), exact = new Array(n).fill(false)
    for (var position = 0; position < tokens.length; position++) {
      var token = tokens[position]
      for (var i = 0; i < n; i++) {
        var word = words[i], strength = word.terms[token.folded]
        if (!strength)
          continue
        hits.push({ position: position, word: i, strength: strength })
        if (strength > found[i])
          found[i] = strength
        if (!exact[i] && (!word.accented || token.lower.lastIndexOf(word.lower, 0) === 0))
          exact[i] = true
      }
    }
    var pairs = new Array(Math.max(n - 1, 0)).fill(0)
    if (!hits.length)
      return { hits: hits, found: found, exact: exact, pairs: pairs }
    // Neighbours: syllable i at p and syllable i+1 at p+1 (or p+2: one word between).
    var at = function (p, w) { return p * 16 + w }  // MAX_WORDS < 16
    var byPlace = []
    hits.forEach(function (hit) { byPlace[at(hit.position, hit.word)] = hit.strength })
    hits.forEach(function (hit) {
      if (hit.word >= n - 1)
        return
      var next = byPlace[at(hit.position + 1, hit.word + 1)]
      var gap = byPlace[at(hit.position + 2, hit.word + 1)]
      var value = next ? Math.min(hit.strength, next) : gap ? Math.min(hit.strength, gap) / 2 : 0
      if (value > pairs[hit.word])
        pairs[hit.word] = value
    })
    if (!words.some(function (word) { return word.symbol }))
      return { hits: hits, found: found, exact: exact, pairs: pairs }
    // A symbol's words count only where the whole symbol stands, word after word.
    var whole = Object.create(null), inChain = []
    hits.forEach(function (hit) {
      var group = words[hit.word].symbol
      if (!group || (hit.word > 0 && words[hit.word - 1].symbol === group))
        return
      var chain = [at(hit.position, hit.word)]
      for (var k = hit.word + 1, p = hit.position + 1; k < n && words[k].symbol === group; k++, p++) {
        if (!byPlace[at(p, k)])
          return
        chain.push(at(p, k))
      }
      whole[group] = true
      chain.forEach(function (key) { inChain[key] = true })
    })
    words.forEach(function (word, i) {
      if (word.symbol && !whole[word.symbol])
        found[i] = 0
    })
    hits = hits.filter(function (hit) { return !words[hit.word].symbol || inChain[at(hit.position, hit.word)] })
    return { hits: hits, found: found, exact: exact, pairs: pairs }
  }

  function sum(list) {
    return list.reduce(function (a, b) { return a + b }, 0)
  }

  /* An entry's score; the components are kept apart by their scale (see the top of the file). */
  function score(entry, words) {
    var n = words.length
    var found = new Array(n).fill(0), exact = new Array(n).fill(false), weighted = 0, matches = []
    fieldsOf(entry).forEach(function (field) {
      var m = matchField(field, words)
      matches.push(m)
      for (var i = 0; i < n; i++) {
        found[i] = Math.max(found[i], m.found[i])
        exact[i] = exact[i] || (m.found[i] > 0 && m.exact[i])
      }
      // Syllables found and neighbours in order, as a share of a perfect match (1).
      var share = (sum(m.found) + 2 * sum(m.pairs)) / (n + 2 * (n - 1))
      // Of two titles that hold the query, the one with fewer other words.
      var fill = field.tokens.length ? new Set(m.hits.map(function (h) { return h.position })).size / field.tokens.length : 0
      // Squared: one field with the whole phrase outweighs a few of its words in a heavier field.
      weighted += field.weight * (share * share + (field.name === "text" ? 0 : 0.1 * fill))
    })
    var covered = sum(found)
    if (!covered)
      return null
    var asTyped = words.filter(function (word, i) { return word.accented && exact[i] && found[i] }).length
    var value = covered * 1e6 + asTyped * 1e5 + weighted * 100 + (entry.isPage ? 1 : 0)
    return { value: value, matches: matches, found: found }
  }

  /* ------------------------------------------------------------------------------------- */

  /* The text between `start` and `end`, escaped, with every matched word marked. */
  function marked(text, tokens, hits, start, end) {
    var places = Object.create(null)
    hits.forEach(function (hit) { places[hit.position] = true })
    var out = "", at = start
    tokens.forEach(function (token, position) {
      if (!places[position] || token.start < start || token.end > end)
        return
      out += escapeHtml(text.slice(at, token.start)) + "<mark>" + escapeHtml(text.slice(token.start, token.end)) + "</mark>"
      at = token.end
    })
    return out + escapeHtml(text.slice(at, end))
  }

  /* The sentence of the body with the best match, cut around it when long; "" without a match. */
  function snippet(field, match) {
    if (!match.hits.length)
      return ""
    var text = field.text, tokens = field.tokens
    var starts = sentenceStarts(text)
    var best = null
    starts.forEach(function (start, s) {
      var end = s + 1 < starts.length ? starts[s + 1] : text.length
      var inside = match.hits.filter(function (hit) {
        var token = tokens[hit.position]
        return token.start >= start && token.end <= end
      })
      var words = new Set(inside.map(function (hit) { return hit.word })).size
      if (inside.length && (!best || words > best.words))
        best = { start: start, end: end, hits: inside, words: words }
    })
    var first = best.hits[0].position
    var inSentence = tokens.filter(function (t) { return t.start >= best.start && t.end <= best.end })
    var start = best.start, end = best.end, before = "", after = ""
    if (inSentence.length > SNIPPET_WORDS) {
      var from = Math.max(first - 4, tokens.indexOf(inSentence[0]))  // a few words of context, not a table header
      var to = Math.min(from + SNIPPET_WORDS, tokens.indexOf(inSentence[inSentence.length - 1]) + 1)
      if (tokens[from].start > start) { start = tokens[from].start; before = "… " }
      if (tokens[to - 1].end < end && to < tokens.length && tokens[to].start < end) { end = tokens[to - 1].end; after = " …" }
    }
    var body = marked(text, tokens, best.hits, start, end).trim()
    return body ? "<p>" + before + body + after + "</p>" : ""
  }

  /* Of a list of names (`145-QĐ/ĐU; Đào Thị Hạnh; …`), the ones that match, marked; `place` is the
     place in the list of the one name that holds more of the query's words than any other, or -1. */
  function namesFound(field, hits) {
    var parts = [], re = /[^;]+/g, match, place = -1
    while ((match = re.exec(field.text))) {
      place++
      var start = match.index, end = start + match[0].length
      var inside = hits.filter(function (hit) {
        var token = field.tokens[hit.position]
        return token.start >= start && token.end <= end
      })
      var words = new Set(inside.map(function (hit) { return hit.word })).size
      if (words)
        parts.push({ words: words, place: place, html: marked(field.text, field.tokens, inside, start, end).trim() })
    }
    // The names that match best: `Đào Thị Hạnh`, not every `Thị`.
    var most = Math.max.apply(null, parts.map(function (part) { return part.words }))
    var best = parts.filter(function (part) { return part.words === most })
    return {
      html: best.map(function (part) { return part.html }).join(", "),
      words: most, place: best.length === 1 ? best[0].place : -1
    }
  }

  /* The result items Material renders for an entry: title and snippet marked, `terms` for the page's
     `?h=` highlighting (the words as the page writes them) and the list of missing syllables; and, when
     a person's name is the query, that person's row on the page. */
  function item(entry, result, words) {
    // Mark a word where it matches best: `chủ` where the entry has it, not also `chức` by its prefix.
    var best = words.map(function () { return 0 })
    result.matches.forEach(function (match) {
      match.hits.forEach(function (hit) { best[hit.word] = Math.max(best[hit.word], hit.strength) })
    })
    result = Object.assign({}, result, {
      matches: result.matches.map(function (match) {
        return Object.assign({}, match, {
          hits: match.hits.filter(function (hit) { return hit.strength === best[hit.word] })
        })
      })
    })
    var doc = entry.doc, fields = fieldsOf(entry)
    var title = fields[0], text = fields[1]
    var terms = Object.create(null)
    result.matches.forEach(function (match, f) {
      match.hits.forEach(function (hit) { terms[fields[f].tokens[hit.position].lower] = true })
    })
    words.forEach(function (word, i) {
      if (!result.found[i])
        terms[word.lower] = false
    })
    var body = snippet(text, result.matches[1])
    var names = fields[2] && result.matches[2].hits.length ? fields[2] : null
    var row = null
    if (names) {
      var found = namesFound(names, result.matches[2].hits)
      body = "<p>" + found.html + "</p>" + body
      // One person holds every word of the query: a link to that person's row, shown under the page as
      // Material shows a section (Material takes the item whose location has no `#` for the page).
      if (typeof doc.rows === "number" && found.place >= doc.rows && found.words === words.length && entry.isPage)
        row = { location: doc.location + "#nguoi-" + (found.place - doc.rows + 1), title: found.html, text: "", score: result.value }
    }
    var items = [{
      location: doc.location,
      title: marked(title.text, title.tokens, result.matches[0].hits, 0, title.text.length),
      text: body,
      score: result.value,
      terms: terms
    }]
    if (row)
      items.push(Object.assign(row, { terms: terms }))
    return items
  }

  function plainItem(entry) {
    return { location: entry.doc.location, title: escapeHtml(unescapeHtml(entry.doc.title || "")), text: "", score: 0, terms: {} }
  }

  function search(query) {
    var words = parse(query)
    if (!words.length)
      return { items: [] }
    // Coverage from the postings alone (an upper bound: a symbol may not stand whole), best first.
    // Arrays by entry id, not maps: at 20,000 units a syllable such as `chi` is in nearly every entry.
    var count = index.entries.length, id
    var bests = words.map(function (word) {
      var best = new Float64Array(count)
      Object.keys(word.terms).forEach(function (term) {
        var strength = word.terms[term], ids = postingsOf(term)
        for (var j = 0; j < ids.length; j++)
          if (best[ids[j]] < strength)
            best[ids[j]] = strength
      })
      return best
    })
    // A symbol's words count only in entries that hold all of them (`score` finds them nowhere else),
    // so that `1288-KH/ĐU` does not score every entry with `kh` or `đu`.
    words.forEach(function (word, i) {
      if (!word.symbol || (i > 0 && words[i - 1].symbol === word.symbol))
        return
      var group = []
      for (var k = i; k < words.length && words[k].symbol === word.symbol; k++)
        group.push(bests[k])
      for (id = 0; id < count; id++)
        if (!group.every(function (best) { return best[id] > 0 }))
          group.forEach(function (best) { best[id] = 0 })
    })
    var coverage = bests[0]
    for (var w = 1; w < bests.length; w++) {
      var best = bests[w]
      for (id = 0; id < count; id++)
        coverage[id] += best[id]
    }
    // Best coverage first, then by id: a few distinct values, so entries go in a list per value.
    var byCoverage = new Map()
    for (id = 0; id < count; id++) {
      if (!coverage[id])
        continue
      var list = byCoverage.get(coverage[id])
      if (!list)
        byCoverage.set(coverage[id], list = [])
      list.push(id)
    }
    var order = []
    Array.from(byCoverage.keys()).sort(function (a, b) { return b - a }).forEach(function (value) {
      order = order.concat(byCoverage.get(value))
    })
    // Fully scored until the first SHOWN pages are known; below them (a syllable as common as `chi` at
    // thousands of units), entries keep the order of their coverage.
    var symbols = words.some(function (word) { return word.symbol })
    var scored = [], tail = [], pageCount = index.own.length
    var inScored = new Uint8Array(pageCount), inTail = new Uint8Array(pageCount), scoredPages = 0, tailPages = 0
    order.forEach(function (id) {
      var entry = index.entries[id]
      if (!symbols && scoredPages >= SHOWN && !inScored[entry.page]) {
        // Past the LISTED pages, only more sections of pages already listed.
        if (inTail[entry.page] || scoredPages + tailPages < LISTED) {
          tail.push({ id: id, entry: entry, result: { value: coverage[id] * 1e6 } })
          if (!inTail[entry.page]) {
            inTail[entry.page] = 1
            tailPages++
          }
        }
        return
      }
      var result = score(entry, words)
      if (result) {
        scored.push({ id: id, entry: entry, result: result })
        if (!inScored[entry.page]) {
          inScored[entry.page] = 1
          scoredPages++
        }
      }
    })
    scored.sort(function (a, b) { return b.result.value - a.result.value || a.id - b.id })
    scored = scored.concat(tail)
    // One group per page, best page first; the page's own entry always in its group.
    var groups = new Map(), withOwn = new Set()
    scored.forEach(function (hit) {
      var group = groups.get(hit.entry.page)
      if (!group) {
        if (groups.size >= LISTED)
          return
        groups.set(hit.entry.page, group = [])
      }
      if (hit.id === index.own[hit.entry.page])
        withOwn.add(hit.entry.page)
      // Far down the list, titles only: a snippet costs more than the ranking.
      if (groups.size <= SHOWN && hit.result.matches)
        group.push.apply(group, item(hit.entry, hit.result, words))
      else
        group.push(Object.assign(plainItem(hit.entry), { score: hit.result.value }))
    })
    groups.forEach(function (group, page) {
      if (!withOwn.has(page))
        group.push(plainItem(index.entries[index.own[page]]))
    })
    return { items: Array.from(groups.values()) }
  }

  /* ------------------------------------------------------------------------------------- */

  scope.bontotSearch = {
    fold: fold, setup: setup, search: search,
    // For tests: every word and its postings, and whether they came from the build.
    postings: function () {
      var all = {}
      index.vocabulary.forEach(function (term) { all[term] = postingsOf(term) })
      return { fromBuild: !!index.encoded, vocabulary: index.vocabulary, postings: all }
    }
  }

  var pending = null

  function answer() {
    var query = pending
    pending = null
    scope.postMessage({ type: RESULT, data: index ? search(query) : { items: [] } })
  }

  scope.addEventListener("message", function (event) {
    var message = event.data
    if (message.type === SETUP) {
      setup(message.data)
      scope.postMessage({ type: READY })
    } else if (message.type === QUERY) {
      // A query per key typed: those that arrive while one is answered are answered once, the newest.
      if (pending === null)
        setTimeout(answer)
      pending = String(message.data)
    }
  })
})(typeof self !== "undefined" ? self : this)
