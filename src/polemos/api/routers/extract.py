"""POST /extract (events from a text, not stored: one record per event, its mentions merged as
the store would) and POST /ingest (extracted and stored).
Both need an API key: /ingest changes the store and both spend real CPU on parsing."""
from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from polemos.api.keys import KeyRecord
from polemos.api.schemas import ErrorBody, ExtractIn, ExtractOut, IngestIn, IngestOut
from polemos.api.security import require_write_key
from polemos.errors import InputError
from polemos.ingest.readers import NotEnglish, vet
from polemos.models import Article, Event

router = APIRouter(tags=["extract"])
ERRORS = {400: {"model": ErrorBody, "description": "the body is not JSON"}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 413: {"model": ErrorBody},
          422: {"model": ErrorBody}}


def _extract(request: Request, article: Article) -> list[Event]:
    from polemos import extract_articles

    # One extraction at a time: the machine's cores are better spent on one parse than on
    # several fighting for them, and the NLP pipeline is shared.
    with request.app.state.extract_lock:
        return next(extract_articles([article]))[1]


@router.post("/extract", response_model=ExtractOut, responses=ERRORS)
def extract(request: Request, body: ExtractIn,
            _: Annotated[KeyRecord, Depends(require_write_key)]) -> ExtractOut:
    from polemos import merge_article

    article = Article(id="request", text=body.text, title=body.title, published=body.published)
    refused = vet(article, "request")              # issue 18: size limit, language said out loud
    if isinstance(refused, NotEnglish):
        return ExtractOut(events=[], n_mentions=0, language=article.language, notice=refused.message)
    if refused is not None:
        raise InputError(refused.message)
    mentions = _extract(request, article)
    return ExtractOut(events=merge_article(article, mentions), n_mentions=len(mentions),
                      mentions=mentions if body.mentions else None)


@router.post("/ingest", response_model=IngestOut, responses=ERRORS)
def ingest(request: Request, body: IngestIn,
           key: Annotated[KeyRecord, Depends(require_write_key)]) -> IngestOut:
    default_id = "api-" + hashlib.sha256(body.text.encode()).hexdigest()[:16]
    article = body.article(default_id)
    if article.source is None:
        article.source = f"api:{key.name}"
    refused = vet(article, article.id)             # issue 18: size limit, language said out loud
    if refused is not None and not isinstance(refused, NotEnglish):
        raise InputError(refused.message)
    events = _extract(request, article) if refused is None else []
    store = request.app.state.store
    result = store(store.store.add_article, article, events)   # a NotEnglish one: stored unread
    return IngestOut(document_id=article.id, result=result, events=events, language=article.language,
                     notice=refused.message if refused is not None else None)
