"""/v1/documents: store an article and extract its attributed claims."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from service.api.deps import ReadKey, RuntimeDep, SessionDep, WriteKey, valid_id
from service.api.idempotency import run_idempotent
from service.schemas import DocumentCreate, DocumentOut
from service.services.documents import DocumentService, get_document_out

router = APIRouter(prefix="/v1/documents", tags=["documents"])


@router.post("", status_code=201, response_model=DocumentOut)
def create_document(
    body: DocumentCreate, request: Request, session: SessionDep, runtime: RuntimeDep, key: WriteKey
) -> JSONResponse:
    """Store the article, extract who said what (with cue, span and confidence) and index the claims."""

    def handler() -> tuple[int, DocumentOut]:
        service = DocumentService(
            session, runtime.encoder, runtime.extractor, runtime.settings.extraction_min_confidence
        )
        return 201, service.create(body)

    return run_idempotent(request, session, key, body, handler)


@router.get("/{document_id}", response_model=DocumentOut)
def get_document(document_id: str, session: SessionDep, _key: ReadKey) -> DocumentOut:
    return get_document_out(session, valid_id(document_id, "document"))
