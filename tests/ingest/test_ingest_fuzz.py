"""Property: whatever bytes a file holds, read_path returns Documents or raises IngestError, nothing else."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetens.errors import Code, IngestError
from kompetens.ingest import SUPPORTED_EXTENSIONS, read_path


def _zip_with(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


_XML_PIECES = st.sampled_from(
    [
        b"<w:p>",
        b"</w:p>",
        b"<w:t>",
        b"</w:t>",
        b"<w:tbl>",
        b"<w:tr>",
        b"<w:tc>",
        b"text",
        b"\xc3\xa5",
        b"<",
        b"&",
        b"\x00",
    ]
)
_CONTENT = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8")),
    st.binary(max_size=2000).map(lambda b: b"%PDF-1.7\n" + b),
    st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
    st.lists(_XML_PIECES, max_size=60).map(
        lambda parts: _zip_with(b'<w:document xmlns:w="w"><w:body>' + b"".join(parts))
    ),
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=40)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(["headline", "description", "text", "occupation", "hits", "employer"]),
                inner,
                max_size=4,
            ),
        ),
        max_leaves=12,
    ).map(lambda obj: __import__("json").dumps(obj).encode()),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_CONTENT, extension=st.sampled_from([*SUPPORTED_EXTENSIONS, ".odt", ""]))
def test_read_path_raises_only_ingest_errors(tmp_path, data, extension):
    path = tmp_path / f"fuzz{extension}"
    path.write_bytes(data)
    try:
        docs = read_path(path, max_bytes=1_000_000)
    except IngestError as exc:
        assert isinstance(exc.code, Code)
        assert exc.source is not None and exc.source.startswith(str(path))
    else:
        assert docs
        for doc in docs:
            assert doc.text.strip()
            assert doc.source.startswith(str(path))
            assert doc.lang in ("sv", "en", "und")
