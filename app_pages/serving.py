"""Two ASGI middlewares for ``serve.py``:

* :class:`ScriptsInPage` writes two scripts into the HTML Streamlit serves for every page address. One sets
  ``window.__streamlit.BACKEND_BASE_URL``, so that a page opened at its own address (/planner) connects at
  once. The other puts the page's own words in place of the English Streamlit's widgets show whatever the
  page's language ("Add: …", "No results", a table's "Download as CSV", ...), and sets the HTML's ``lang``
  (the page sets its language and words in CSS variables, :func:`page_words_css`). Only page addresses are
  touched (``/``, ``/planner``, ...: no file extension, not under Streamlit's own paths); they are served
  uncompressed (the HTML is 1–2 KB) so that the scripts can be written into them.
* :class:`CacheNamedByContent`, for a page's first paint, lets the browser keep a component's files whose
  names carry a hash of their content (the map component's 225 KB script, ``main.521860b0.js``): Streamlit
  serves them with ``Cache-Control: public`` and no validator, so the browser fetched the script again for
  every map.

Every other request, and the WebSocket, passes through unchanged.
"""

from __future__ import annotations

import json
import re

from streamlit import config

from wuzhen_geo.i18n import t
from wuzhen_geo.strings import STRINGS

#: Streamlit's own path prefixes: never a page.
_NOT_PAGES = ("_stcore/", "static/", "app/static/", "component/", "media/")


def is_page_address(path: str, base: str = "") -> bool:
    """Whether ``path`` (below ``base``, the server's ``baseUrlPath``) is a page's address: Streamlit answers it
    with its index.html."""
    rest = path[len(base):] if base and path.startswith(base) else path
    rest = rest.lstrip("/")
    last = rest.rsplit("/", 1)[-1]
    return "." not in last and not rest.startswith(_NOT_PAGES)


def with_server_address(html: bytes, base: str = "") -> bytes:
    """``html`` with a script, before its first one, that sets the server's address to the page's origin and
    ``base``; unchanged when it has no ``<script``."""
    at = html.find(b"<script")
    if at < 0:
        return html
    address = json.dumps(base.rstrip("/") + "/").replace("<", "\\u003c")  # text in a script: no "</script>"
    script = ('<script>window.__streamlit = Object.assign({}, window.__streamlit, '
              f'{{BACKEND_BASE_URL: window.location.origin + {address}}});</script>')
    return html[:at] + script.encode() + html[at:]


#: What Streamlit's own widgets say in English whatever the page's language (the strings' ``st_*`` keys, their
#: ``en`` text being Streamlit's): the page's word takes its place in the text and in ``aria-label`` (read by
#: screen readers, shown as a tooltip). Only Streamlit's own text is changed: "Add: " (:data:`_TYPED`) only on
#: the option that is the box's typed text, another phrase only when it is the whole text, outside the options
#: (a name from the data or a user, even one that reads "No results", stays as it is) or in the one an empty
#: list shows.
STREAMLIT_WORDS = tuple(key for key in STRINGS if key.startswith("st_"))
_TYPED = "st_add_typed"
_WHERE = ", ".join(['[role="listbox"]', '[role="option"]', '[role="menuitem"]', '[role="tooltip"]',
                    '[data-testid="stTooltipContent"]', '[data-testid="InputInstructions"]',
                    '[data-testid="stSkipToContent"]'])
#: The page's language as HTML names it (Streamlit's page says lang="en" whatever it shows: a screen reader
#: then reads Chinese with an English voice, and the browser picks fonts for English).
_HTML_LANG = {"zh": "zh-CN", "en": "en"}
# Once per frame, before it is painted: Streamlit changes the page many times while it draws.
_PAGE_WORDS_SCRIPT = """<script>(() => {
  const phrases = %s;
  const relabel = () => {
    const style = getComputedStyle(document.documentElement);
    const read = (name) => {
      try { return JSON.parse(style.getPropertyValue(name).trim()); } catch (e) { return null; }
    };
    const lang = read("--wz-lang");
    if (typeof lang === "string" && document.documentElement.lang !== lang) document.documentElement.lang = lang;
    const whole = new Map();
    let typed = null;
    for (const [english, key, isTyped] of phrases) {
      const word = read("--wz-word-" + key);  // null where the page set none: Streamlit's stays
      if (typeof word !== "string" || word === english) continue;
      if (isTyped) typed = [english, word]; else whole.set(english, word);
    }
    if (!typed && !whole.size) return;
    for (const e of document.querySelectorAll("[aria-label]")) {
      const word = whole.get(e.getAttribute("aria-label"));
      if (word !== undefined) e.setAttribute("aria-label", word);
    }
    const active = document.activeElement;
    const typedText = active && typeof active.value === "string" ? active.value : null;
    for (const place of document.querySelectorAll(%s)) {
      const texts = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      for (let n = texts.nextNode(); n; n = texts.nextNode()) {
        // an option holds a name, except the one an empty list shows ("No results")
        const at = n.parentElement;
        const inOption = at !== null && at.closest('[role="option"]') !== null
          && at.closest('[role="listbox"][data-empty="true"]') === null;
        if (inOption) {
          if (typed && typedText !== null && n.nodeValue === typed[0] + typedText) n.nodeValue = typed[1] + typedText;
        } else if (whole.has(n.nodeValue)) {
          n.nodeValue = whole.get(n.nodeValue);
        }
      }
    }
  };
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; relabel(); });
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true,
                                        attributes: true, attributeFilter: ["aria-label"]});
})();</script>""" % (json.dumps([[STRINGS[k]["en"], k, k == _TYPED] for k in STREAMLIT_WORDS]), json.dumps(_WHERE))


def page_words_css(lang: str) -> str:
    """The ``<style>`` by which a page gives its language and its words for :data:`STREAMLIT_WORDS` (read by
    the page script)."""
    words = " ".join(f"--wz-word-{key}: {json.dumps(t(key, lang), ensure_ascii=False)};" for key in STREAMLIT_WORDS)
    return f'<style>:root {{ --wz-lang: "{_HTML_LANG.get(lang, lang)}"; {words} }}</style>'


def with_page_words(html: bytes) -> bytes:
    """``html`` with the script that puts the page's words in place of :data:`STREAMLIT_WORDS`, before its
    first script; unchanged when it has no ``<script``."""
    at = html.find(b"<script")
    return html if at < 0 else html[:at] + _PAGE_WORDS_SCRIPT.encode() + html[at:]


def _base_path() -> str:
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


class ScriptsInPage:
    """ASGI middleware: page HTML gets the server's address and the page's own words for Streamlit's English
    (see the module's doc); nothing else changes."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        base = _base_path()
        if scope["type"] != "http" or scope.get("method") != "GET" or not is_page_address(scope["path"], base):
            await self.app(scope, receive, send)
            return
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        start: dict = {}
        body: list[bytes] = []

        async def send_page(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            content = b"".join(body)
            headers = list(start.get("headers", []))
            kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            if start.get("status") == 200 and kind.startswith(b"text/html"):
                content = with_page_words(with_server_address(content, base))
                headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(content)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, send_page)


#: A component's built file named by its content, e.g. /component/streamlit_folium.st_folium/static/js/main.521860b0.js
_NAMED_BY_CONTENT = re.compile(r"/component/[^/]+/static/(js|css|media)/[^/]+\.[0-9a-f]{8,}\.(chunk\.)?[a-z0-9]+$")
#: A year, as immutable: the name changes when the content does.
_KEEP = b"public, max-age=31536000, immutable"


def named_by_content(path: str) -> bool:
    """Whether ``path`` is a component's built file whose name carries a hash of its content."""
    return bool(_NAMED_BY_CONTENT.search(path))


class CacheNamedByContent:
    """ASGI middleware: a component's files named by their content may be kept by the browser (module doc)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD") or not named_by_content(
                scope["path"]):
            await self.app(scope, receive, send)
            return

        async def send_kept(message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = {**message, "headers": [*headers, (b"cache-control", _KEEP)]}
            await send(message)

        await self.app(scope, receive, send_kept)
