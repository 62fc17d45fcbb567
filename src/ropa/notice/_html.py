"""A notice as one self-contained HTML document.

Inline CSS, no scripts, no external resources (a Content-Security-Policy says so to the
browser too); every string is escaped with `html.escape`. The only links are those the
document holds as `Link`, which `_view.web_link` makes only for http(s) URLs.
"""

from __future__ import annotations

from html import escape

from ropa.notice._document import (
    Block,
    BulletList,
    Document,
    Inline,
    Line,
    Link,
    Paragraph,
    Section,
    Strong,
    normalise,
)

_STYLE = """
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1f2328;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 0.5rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2.25rem 0 0.75rem; padding-top: 0.75rem;
  border-top: 1px solid #d0d7de; }
h3 { font-size: 1.05rem; line-height: 1.4; margin: 1.5rem 0 0.5rem; }
.subtitle { font-weight: 600; margin: 0; }
.updated { color: #57606a; margin: 0.25rem 0 1.5rem; }
ul { padding-left: 1.4rem; }
li { margin: 0.3rem 0; }
a { color: #0969da; overflow-wrap: anywhere; }
.draft { margin-top: 2.5rem; padding: 0 1.25rem 1rem; border: 2px dashed #bf8700;
  background: #fff8c5; }
.draft h2 { border-top: 0; }
@media print { a { color: inherit; } .draft { background: none; } }
""".strip()

_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def render_html(document: Document) -> str:
    """The whole notice as an HTML5 document, ending with one newline."""
    title = document.title
    if document.subtitle:
        title = f"{title} — {document.subtitle}"
    header = [f"<h1>{_text(document.title)}</h1>"]
    if document.subtitle:
        header.append(f'<p class="subtitle">{_text(document.subtitle)}</p>')
    if document.updated:
        header.append(f'<p class="updated">{_text(document.updated)}</p>')
    body = [
        "<header>",
        *header,
        "</header>",
        *(_block(block) for block in document.intro),
    ]
    for section in document.sections:
        body.extend(_section(section, level=2))
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_text(document.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{_text(title)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def _section(section: Section, level: int) -> list[str]:
    opening = '<section class="draft">' if section.draft else "<section>"
    parts = [opening, f"<h{level}>{_text(section.title)}</h{level}>"]
    parts.extend(_block(block) for block in section.blocks)
    for subsection in section.subsections:
        parts.extend(_section(subsection, level + 1))
    parts.append("</section>")
    return parts


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_line(block.content)}</p>"
    return _list(block)


def _list(block: BulletList) -> str:
    lines = ["<ul>"]
    for item in block.items:
        if not item.children:
            lines.append(f"<li>{_line(item.content)}</li>")
            continue
        lines.append(f"<li>{_line(item.content)}")
        lines.append("<ul>")
        lines.extend(f"<li>{_line(child)}</li>" for child in item.children)
        lines.append("</ul>")
        lines.append("</li>")
    lines.append("</ul>")
    return "\n".join(lines)


def _line(content: Line) -> str:
    return "".join(_inline(piece) for piece in content)


def _inline(piece: Inline) -> str:
    if isinstance(piece, Strong):
        return f"<strong>{_text(piece.text)}</strong>"
    if isinstance(piece, Link):
        return f'<a href="{escape(piece.url, quote=True)}">{_text(piece.text)}</a>'
    return _text(piece)


def _text(text: str) -> str:
    return escape(normalise(text), quote=True)
