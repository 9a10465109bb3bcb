"""The dates stage: publication dates and event dates, resolved against the publication date.

Public API:

    publication_date(article) -> DateValue | None
    given_date(raw) -> DateValue | None                  a publication date the user gives (method "user")
    find_dates(doc, published) -> list[DateMention]      every date expression, resolved
    resolve(expression, base) -> DateValue | None        one expression against a base date
    event_date(doc, sentence, span, dates, published, previous) -> DateValue | None
    is_future(value) -> bool                              a date after publication (planned event)
"""

from warlog.dates.core import event_date, find_dates, is_future, publication_date, resolve
from warlog.dates.published import from_user as given_date

__all__ = ["event_date", "find_dates", "given_date", "is_future", "publication_date", "resolve"]
