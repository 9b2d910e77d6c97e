"""The report as PDF: the same HTML, laid out by WeasyPrint (an optional dependency).

>>> pdf = render_pdf("<h1>Report</h1>")  # doctest: +SKIP
>>> pdf[:5]  # doctest: +SKIP
b'%PDF-'
"""

from __future__ import annotations

from trucewatch.errors import TrucewatchError

__all__ = ["PdfUnavailableError", "render_pdf"]


class PdfUnavailableError(TrucewatchError):
    """PDF output needs WeasyPrint and the Pango library, and one of them is missing."""

    exit_code = 2


def render_pdf(html: str) -> bytes:
    """The HTML report laid out as PDF bytes."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango library itself is missing
        raise PdfUnavailableError(
            f"PDF output needs WeasyPrint and the Pango library ({exc}); install them with "
            "pip install 'trucewatch[pdf]' and, on Debian or Ubuntu, apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0; or choose --format html"
        ) from None
    document = weasyprint.HTML(string=html)
    return bytes(document.write_pdf())
