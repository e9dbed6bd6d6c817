"""factcheck: claim-level fact consistency across news sources.

Several outlets report one story; factcheck splits every article into sentences, clusters them into
shared claims, and labels each cross-source pair as agreement, contradiction or unique detail, with
typed mismatches (numbers, dates, names, titles, entities, negation) as evidence.

Example:
    >>> from factcheck import Checker, Document
    >>> report = Checker().check(["seeds/"])                        # doctest: +SKIP
    >>> [(p.a, p.b) for p in report.contradictions][:1]            # doctest: +SKIP
"""

from __future__ import annotations

from .config import Settings
from .embed import Embedder, SentenceTransformerEmbedder
from .errors import (
    BlockedAddressError,
    EmbedderLoadError,
    EmptySourceError,
    FactcheckError,
    FetchError,
    InputError,
    InvalidDocumentError,
    LimitExceededError,
    ModelError,
    NLIModelLoadError,
    OutputError,
    ReportFormatError,
    SettingsError,
    SourceNotFoundError,
    TooFewSourcesError,
    UnsupportedFileError,
)
from .ids import SentenceId
from .mismatch import find_mismatches
from .nli import HFNLIModel, NLIModel
from .pipeline import Checker
from .results import (
    Claim,
    ClaimUnit,
    CorroboratedFact,
    DisputedFact,
    Document,
    DraftSentence,
    Facts,
    FactSide,
    Mismatch,
    NLIScores,
    PairJudgement,
    Report,
    Sentence,
    SentenceVerdict,
    Skipped,
    Source,
    SourceSummary,
    UnitPair,
)

__version__ = "0.1.0"

__all__ = [
    "BlockedAddressError",
    "Checker",
    "Claim",
    "ClaimUnit",
    "CorroboratedFact",
    "DisputedFact",
    "Document",
    "DraftSentence",
    "Embedder",
    "EmbedderLoadError",
    "EmptySourceError",
    "FactSide",
    "FactcheckError",
    "Facts",
    "FetchError",
    "HFNLIModel",
    "InputError",
    "InvalidDocumentError",
    "LimitExceededError",
    "Mismatch",
    "ModelError",
    "NLIModel",
    "NLIModelLoadError",
    "NLIScores",
    "OutputError",
    "PairJudgement",
    "Report",
    "ReportFormatError",
    "Sentence",
    "SentenceId",
    "SentenceTransformerEmbedder",
    "SentenceVerdict",
    "Settings",
    "SettingsError",
    "Skipped",
    "Source",
    "SourceNotFoundError",
    "SourceSummary",
    "TooFewSourcesError",
    "UnitPair",
    "UnsupportedFileError",
    "__version__",
    "find_mismatches",
]
