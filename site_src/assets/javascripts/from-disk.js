/*
 * Bốn tốt: the site opened from disk (file://), e.g. a folder copied from a zip.
 * Loaded in <head> before Material's bundle (overrides/main.html); does nothing over http(s).
 *
 * 1. Links. Published URLs are directories (`don-vi/x/`); from disk such a link shows a
 *    folder listing, so every link to a folder is pointed at its index.html, including
 *    links added later (search results).
 * 2. Search. Browsers refuse to start a Web Worker from a file:// script, and Material then
 *    hides the search box. `Worker` is replaced by a stand-in that runs the same worker
 *    script in a hidden same-origin frame and passes messages both ways. Material reads
 *    the index from search/search_index.js on disk (written by generator/outputs/search.py).
 */
;(function () {
  "use strict"
  if (location.protocol !== "file:")
    return

  /* 1. Links to folders -> their index.html -------------------------------------------- */

  function fixLink(anchor) {
    var href = anchor.getAttribute("href")
    if (!href || href.charAt(0) === "#")
      return
    var url
    try {
      url = new URL(href, document.baseURI)
    } catch (err) {
      return
    }
    if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
      url.pathname += "index.html"
      anchor.setAttribute("href", url.href)
    }
  }

  function fixLinks(node) {
    if (node.nodeType !== Node.ELEMENT_NODE)
      return
    if (node.matches("a[href]"))
      fixLink(node)
    var anchors = node.querySelectorAll("a[href]")
    for (var i = 0; i < anchors.length; i++)
      fixLink(anchors[i])
  }

  // Started in <head>, so it also sees every element as the parser adds it.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes")
        fixLinks(record.target)
      else
        record.addedNodes.forEach(fixLinks)
    })
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["href"]
  })

  /* 2. A Worker that runs in a hidden frame ----------------------------------------- */

  function loadScript(frame, src) {
    return new Promise(function (resolve, reject) {
      var doc = frame.contentDocument
      var script = doc.createElement("script")
      script.src = src
      script.onload = function () { resolve() }
      script.onerror = function () { reject(new Error("cannot load " + src)) }
      doc.head.appendChild(script)
    })
  }

  function copy(data) {
    return typeof structuredClone === "function" ? structuredClone(data) : data
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super()
      this.url = new URL(url, document.baseURI).href
      this.queue = []
      this.frame = null
      this.ready = false
      this.onmessage = null
    }

    // Started by the first message: Material sends none until the reader opens the search.
    start() {
      var self = this
      var frame = this.frame = document.createElement("iframe")
      frame.hidden = true
      frame.tabIndex = -1
      frame.title = "search"
      frame.setAttribute("aria-hidden", "true")
      ;(document.body || document.documentElement).appendChild(frame)

      // The frame's globals as a worker sees them: its postMessage answers this object,
      // importScripts resolves against the worker's URL and loads in order (Material awaits it).
      var scope = frame.contentWindow
      scope.postMessage = function (data) {
        setTimeout(function () {
          var event = new MessageEvent("message", { data: copy(data) })
          if (typeof self.onmessage === "function")
            self.onmessage(event)
          self.dispatchEvent(event)
        })
      }
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments)
        return urls.reduce(function (done, src) {
          return done.then(function () { return loadScript(frame, new URL(src, self.url).href) })
        }, Promise.resolve())
      }

      loadScript(frame, this.url).then(function () {
        self.ready = true
        self.queue.splice(0).forEach(function (data) { self.deliver(data) })
      }, function () {
        self.dispatchEvent(new Event("error"))
      })
    }

    postMessage(data) {
      if (this.ready)
        return this.deliver(data)
      this.queue.push(data)
      if (!this.frame)
        this.start()
    }

    deliver(data) {
      var scope = this.frame.contentWindow
      setTimeout(function () {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: copy(data) }))
      })
    }

    terminate() {
      if (this.frame)
        this.frame.remove()
    }
  }

  window.Worker = FrameWorker
})()
