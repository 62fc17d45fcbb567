"""Privacy notices (GDPR Art. 13 and 14) generated from the register, in Latvian and English.

A published notice and the internal register drift apart; generating the one from the other
keeps them in step. The notice says only what the register says; `draft=True` appends the list
of notice items the register cannot fill::

    import ropa
    from ropa.notice import render_notice

    register = ropa.load("data/processing_activities.yaml")
    html = render_notice(register, lang="lv", fmt="html")

The package builds a format-neutral document (`_content`, from sentences in `_phrases`) and
renders it as Markdown (`_markdown`) or self-contained HTML (`_html`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ropa.text import LANGUAGES
from ropa.text.messages import languages

if TYPE_CHECKING:
    from ropa.model import Register
    from ropa.notice.authorities import AUTHORITIES, SupervisoryAuthority, authority_for

__all__ = [
    "AUTHORITIES",
    "FORMATS",
    "LANGUAGES",
    "SupervisoryAuthority",
    "authority_for",
    "render_notice",
]

FORMATS: tuple[str, ...] = ("md", "html")
"""Output formats: Markdown and self-contained HTML."""


def __getattr__(name: str) -> Any:
    # The authorities on first use, like the renderers: `ropa notice` declares its options
    # from LANGUAGES and FORMATS alone.
    if name in ("AUTHORITIES", "SupervisoryAuthority", "authority_for"):
        from ropa.notice import authorities

        return getattr(authorities, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_notice(
    register: Register,
    *,
    lang: str = "lv",
    fmt: str = "md",
    draft: bool = False,
    authority: SupervisoryAuthority | None = None,
) -> str:
    """The privacy notice of a controller's `register`, as Markdown or HTML text.

    `lang` is "lv" or "en"; register text fields are taken in that language, falling back as
    the register format says. `authority` is the supervisory authority named for complaints;
    by default the one of the organisation's country (`AUTHORITIES`), else a general sentence.
    With `draft=True` a final section lists the items the register cannot fill. Only the
    activities of role controller appear: for those the organisation carries out as a
    processor, informing the data subjects is the controller's duty (Art. 13, 14 and 28); the
    draft section names them as left out.

    Raises ValueError for an unknown language or format, or for a register that holds no
    controller activity (a processor's register).

    Examples:
        >>> import ropa
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> markdown = ropa.render_notice(register, lang="en")
        >>> markdown.splitlines()[0]
        '# Privacy notice'
        >>> html = ropa.render_notice(register, lang="lv", fmt="html")
        >>> html.startswith("<!DOCTYPE html>")
        True
    """
    if lang not in languages():  # a language is a message catalogue (docs/translating.md)
        raise ValueError(f"unknown notice language {lang!r}; use one of {', '.join(languages())}")
    # Imported here: `ropa notice`'s options (LANGUAGES, FORMATS) cost no model import.
    from ropa.notice._content import build_notice
    from ropa.notice._html import render_html
    from ropa.notice._markdown import render_markdown
    from ropa.notice._view import RegisterView
    from ropa.notice.authorities import authority_for

    renderers = {"md": render_markdown, "html": render_html}
    if fmt not in renderers:
        raise ValueError(f"unknown notice format {fmt!r}; use one of {', '.join(FORMATS)}")
    if register.register.kind != "controller" and not register.controller_activities:
        from ropa.text.messages import Invalid, msg

        raise Invalid(msg("cli.notice.processor"))
    if authority is None:
        authority = authority_for(register.organisation.country)
    document = build_notice(RegisterView(register, lang), authority=authority, draft=draft)
    return renderers[fmt](document)
