"""POST /extract (events from a text, not stored: one record per event, its mentions merged as
the store would) and POST /ingest (extracted and stored).
Both need an API key: /ingest changes the store and both spend real CPU on parsing."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Request

from polemos.api.keys import KeyRecord
from polemos.api.schemas import ErrorBody, ExtractIn, ExtractOut, IngestIn, IngestOut
from polemos.api.security import require_write_key
from polemos.api_python import extract_articles, merge_article
from polemos.api_python import ingest as polemos_ingest
from polemos.errors import InputError
from polemos.ingest.readers import NotEnglish, vet
from polemos.models import Article, Event
from polemos.store.base import Store

router = APIRouter(tags=["extract"])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the body is not JSON"},
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    413: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


def _extract(request: Request, article: Article) -> list[Event]:
    # One extraction at a time: the machine's cores are better spent on one parse than on
    # several fighting for them, and the NLP pipeline is shared.
    with request.app.state.extract_lock:
        return next(extract_articles([article]))[1]


class _Serialised:
    """The shared store with each call taken through the app's store lock (StoreAccess), so
    extraction runs outside it and readers wait only for the write."""

    def __init__(self, access: Any) -> None:
        self._access = access

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._access.store, name)
        return lambda *args: self._access(method, *args)


@router.post("/extract", response_model=ExtractOut, responses=ERRORS)
def extract(request: Request, body: ExtractIn, _: Annotated[KeyRecord, Depends(require_write_key)]) -> ExtractOut:
    article = Article(id="request", text=body.text, title=body.title, published=body.published)
    refused = vet(article, "request")              # issue 18: size limit, language said out loud
    if isinstance(refused, NotEnglish):
        return ExtractOut(events=[], n_mentions=0, mentions=None, language=article.language, notice=refused.message)
    if refused is not None:
        raise InputError(refused.message)
    mentions = _extract(request, article)
    return ExtractOut(
        events=merge_article(article, mentions), n_mentions=len(mentions), mentions=mentions if body.mentions else None
    )


@router.post("/ingest", response_model=IngestOut, responses=ERRORS)
def ingest(request: Request, body: IngestIn, key: Annotated[KeyRecord, Depends(require_write_key)]) -> IngestOut:
    default_id = "api-" + hashlib.sha256(body.text.encode()).hexdigest()[:16]
    article = body.article(default_id)
    if article.source is None:
        article.source = f"api:{key.name}"

    def extractor(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for a in articles:
            yield a, _extract(request, a)

    refused = vet(article, article.id)             # issue 18: size limit, language said out loud
    if refused is not None and not isinstance(refused, NotEnglish):
        raise InputError(refused.message)
    # the article is extracted again even when stored unchanged: the answer lists its mentions
    done = polemos_ingest(
        [refused if isinstance(refused, NotEnglish) else article],
        cast(Store, _Serialised(request.app.state.store)),
        skip_stored=False,
        keep_mentions=True,
        extractor=extractor,
    )
    got = done.articles[0]      # a NotEnglish one: stored unread, with its language and the notice
    return IngestOut(document_id=article.id, result=got.status, events=got.mentions or [],
                     language=article.language, notice=got.notice)
