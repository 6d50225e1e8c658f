"""All models, importable from one place."""
from app.models.audit import AuditEvent
from app.models.match import Match, MatchEvent, MatchStatus, RejectReason
from app.models.opportunity import EMPLOYER_KINDS, Opportunity, OpportunityKind, OpportunityStatus
from app.models.organisation import Organisation, OrganisationKind
from app.models.privacy import Consent, MunicipalitySettings
from app.models.profile import JobseekerProfile, ProfileStatus
from app.models.taxonomy import Concept, ConceptLabel, ConceptRelation
from app.models.user import Role, User, utcnow

__all__ = [
    "AuditEvent", "Concept", "Consent", "MunicipalitySettings", "ConceptLabel", "ConceptRelation", "EMPLOYER_KINDS", "JobseekerProfile",
    "Match", "MatchEvent", "MatchStatus", "Opportunity", "OpportunityKind", "OpportunityStatus",
    "Organisation", "OrganisationKind", "ProfileStatus", "RejectReason", "Role", "User", "utcnow",
]
from app.models.form_submission import FormSubmission  # noqa: E402,F401  (one-time form tokens)
from app.models.staff import StaffEvent, StaffInvitation  # noqa: E402,F401  (staff invitations and their record)
from app.models.release import SchemaRelease  # noqa: E402,F401  (release ↔ schema revision, flask db-release)
from app.models.api_key import ApiKey, ApiKeyKind  # noqa: E402,F401  (keys for /api/v1)
from app.models.draft import FormDraft  # noqa: E402,F401  (unsaved forms kept over a language switch or timeout)
from app.models.notification import Notification, NotificationSettings  # noqa: E402,F401  (messages to people)
from app.models.notice import Notice, ReplyReminder  # noqa: E402,F401  (notices, reply-deadline steps)
from app.models.recruitment import (  # noqa: E402,F401  (recruitment days)
    InvitationStatus, RecruitmentDay, RecruitmentInterest, RecruitmentInvitation, RecruitmentSlot, recruitment_day_place)
from app.models.organisation import OrganisationEvent  # noqa: E402,F401  (vetting history)
from app.models.profile import ConceptCorrection  # noqa: E402,F401  (corrected readings of a person's words)
from app.models.need import CompetenceNeed, NeedStatus, RegionalGoal  # noqa: E402,F401  (competence needs, goals)
from app.models.satisfaction import Respondent, SatisfactionAnswer  # noqa: E402,F401  (one-question survey)
