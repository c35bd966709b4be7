"""Text out of PDF, DOCX, XLSX and plain-text files (for the search index), and the word segmentation that
makes Chinese searchable: jieba cuts 采购合同 into 采购 / 合同, so a search for 合同 finds it."""

import io
import logging
import re
import zipfile

logger = logging.getLogger(__name__)
MAX_CHARS = 500_000


def text_of(content: bytes, mime: str, name: str = "") -> str:
    name = name.lower()
    try:
        if mime == "application/pdf" or name.endswith(".pdf"):
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(content))
            return "\n".join((page.extract_text() or "") for page in reader.pages)[:MAX_CHARS]
        if name.endswith(".docx") or "wordprocessingml" in mime:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                xml = z.read("word/document.xml").decode("utf-8", "replace")
            xml = re.sub(r"</w:p>", "\n", xml)
            return re.sub(r"<[^>]+>", "", xml)[:MAX_CHARS]
        if name.endswith(".xlsx") or "spreadsheetml" in mime:
            from openpyxl import load_workbook

            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            parts = []
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    parts.append(" ".join(str(v) for v in row if v is not None))
                    if sum(len(p) for p in parts) > MAX_CHARS:
                        break
            return "\n".join(parts)[:MAX_CHARS]
        if mime.startswith("text/") or name.endswith((".txt", ".csv", ".md")):
            for enc in ("utf-8", "gb18030"):
                try:
                    return content.decode(enc)[:MAX_CHARS]
                except UnicodeDecodeError:
                    continue
            return content.decode("utf-8", "replace")[:MAX_CHARS]
    except Exception:  # noqa: BLE001 - a damaged file is stored, just not searchable
        logger.warning("could not read the text of %s", name, exc_info=True)
        raise
    return ""


_jieba = None


def _cutter():
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        _jieba = jieba
    return _jieba


_WORD = re.compile(r"[\w\u4e00-\u9fff]+", re.UNICODE)


def segment(text: str) -> list[str]:
    """The words of a text, lower-cased, for the index and for queries (jieba's search mode: 有限公司 gives
    有限, 公司 and 有限公司)."""
    words = []
    for w in _cutter().cut_for_search(text or ""):
        w = w.strip().lower()
        if w and _WORD.fullmatch(w):
            words.append(w)
    return words
