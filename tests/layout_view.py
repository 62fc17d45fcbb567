"""What a register says, with references resolved and ids left out: two registers that say
the same thing in the same language have the same view, whatever ids their entries have.
The layout tests compare views, leaving out what a layout cannot hold."""

from __future__ import annotations

from typing import Any

from ropa.model import Register
from ropa.text import text_in


def view(register: Register, lang: str, *, without: frozenset[str] = frozenset()) -> Any:
    def t(value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return text_in(value, lang, register.register.language)

    def contact(value: Any) -> Any:
        if value is None:
            return None
        found = {
            "email": value.email,
            "phone": value.phone,
            "url": value.url,
            "note": t(value.note),
        }
        found = {k: v for k, v in found.items() if f"contact.{k}" not in without}
        return found if any(found.values()) else None

    organisation = register.organisation
    subjects = {s.id: s for s in register.data_subjects}
    categories = {c.id: c for c in register.data_categories}
    recipients = {r.id: r for r in register.recipients}
    rules = {r.id: r for r in register.retention_rules}
    measures = {m.id: m for m in register.security_measures}

    def keep(fields: dict[str, Any], prefix: str) -> dict[str, Any]:
        return {k: v for k, v in fields.items() if f"{prefix}.{k}" not in without}

    def recipient(rid: str) -> Any:
        r = recipients[rid]
        return keep(
            {
                "name": t(r.name),
                "kind": r.kind,
                "description": t(r.description),
                "contract": r.contract,
                "countries": r.countries,
            },
            "recipient",
        )

    def activity(a: Any) -> Any:
        rule = rules.get(a.retention) if isinstance(a.retention, str) else None
        return keep(
            {
                "name": t(a.name),
                "description": t(a.description),
                "owner": a.owner,
                "purpose": a.purpose,
                "legal_bases": [
                    keep({k: t(v) for k, v in b.model_dump().items()}, "basis")
                    for b in a.legal_bases
                ],
                "special_condition": a.special_condition,
                "data_subjects": [
                    keep(
                        {
                            "name": t(subjects[s].name),
                            "description": t(subjects[s].description),
                            "includes_children": subjects[s].includes_children,
                        },
                        "subject",
                    )
                    for s in a.data_subjects
                ],
                "data_categories": [
                    keep(
                        {
                            "name": t(categories[c].name),
                            "examples": t(categories[c].examples),
                            "special": categories[c].special,
                            "national_id": categories[c].national_id,
                        },
                        "category",
                    )
                    for c in a.data_categories
                ],
                "recipients": None
                if a.recipients is None
                else [recipient(r) for r in a.recipients],
                "transfers": None
                if a.transfers is None
                else [
                    {
                        "country": x.country,
                        "safeguard": x.safeguard,
                        "reference": x.reference,
                        "recipient": t(recipients[x.recipient].name) if x.recipient else None,
                    }
                    for x in a.transfers
                ],
                "retention": None
                if rule is None
                else keep(
                    {
                        "name": t(rule.name),
                        "period": rule.period,
                        "starts": t(rule.starts),
                        "basis": t(rule.basis),
                        "description": t(rule.description),
                        "until": t(getattr(rule, "until", None)),
                    },
                    "rule",
                ),
                "security_measures": [
                    keep(
                        {
                            "name": t(measures[m].name),
                            "kind": measures[m].kind,
                            "description": t(measures[m].description),
                        },
                        "measure",
                    )
                    for m in a.security_measures
                ],
                "automated_decisions": a.automated_decisions,
                "profiling": a.profiling,
                "large_scale": a.large_scale,
                "sources": a.sources,
                "systems": a.systems,
                "dpia": None
                if a.dpia is None
                else keep({"reference": a.dpia.reference, "date": a.dpia.date}, "dpia"),
                "reviewed": a.reviewed,
            },
            "activity",
        )

    def party(p: Any) -> Any:
        return None if p is None else {"name": p.name, "contact": contact(p.contact)}

    return {
        "organisation": keep(
            {
                "name": organisation.name,
                "address": t(organisation.address),
                "registration_number": organisation.registration_number,
                "country": organisation.country,
                "contact": contact(organisation.contact),
                "dpo": party(organisation.dpo),
                "representative": party(organisation.representative),
                "joint_controllers": [party(j) for j in organisation.joint_controllers],
            },
            "organisation",
        ),
        "activities": [activity(a) for a in register.activities],
    }
