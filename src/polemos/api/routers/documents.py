"""GET /documents/{id}: the article text with the evidence spans of its events.

Ids are looked up in the store, never turned into file paths, so no id can read a file."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from polemos import errors
from polemos.api.filters import ID_PATTERN
from polemos.api.schemas import DocumentOut, ErrorBody, Span
from polemos.api.security import require_read_key
from polemos.models import Event

router = APIRouter(tags=["documents"], dependencies=[Depends(require_read_key)])


def _span(m: Event, event_id: str | None, text: str) -> Span | None:
    ev = m.evidence
    if not (0 <= ev.start < ev.end <= len(text)):
        return None   # offsets that do not fit this text are not shown rather than misplaced
    return Span(start=ev.start, end=ev.end, text=text[ev.start:ev.end], event_id=event_id or m.id,
                mention_id=m.id, type=m.type)


@router.get("/documents/{document_id}", response_model=DocumentOut,
            responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody},
                       422: {"model": ErrorBody}})
def get_document(
    request: Request,
    document_id: Annotated[str, Path(pattern=ID_PATTERN)],
    event: Annotated[
        str | None,
        Query(
            pattern=ID_PATTERN, description="only the spans of this event (default: every event read from the article)"
        ),
    ] = None,
) -> DocumentOut:
    store = request.app.state.store
    article = store(store.store.get_article, document_id)
    if article is None:
        raise HTTPException(404, errors.API_NOT_FOUND.format(kind="document", id=document_id))
    if event is not None and store(store.store.get_event, event) is None:
        raise HTTPException(404, errors.API_NOT_FOUND.format(kind="event", id=event))
    mentions = [(m, (m.extra or {}).get("event_id")) for m in store(store.store.article_mentions, document_id)]
    if event is not None:
        mentions = [(m, eid) for m, eid in mentions if eid == event]
    spans = [s for m, eid in mentions if (s := _span(m, eid, article.text)) is not None]
    spans.sort(key=lambda s: (s.start, s.end))
    return DocumentOut(
        id=article.id,
        title=article.title,
        published=article.published,
        url=article.url,
        source=article.source,
        language=article.language,
        text=article.text,
        spans=spans,
    )
