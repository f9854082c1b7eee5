"""What leaves the service for other systems: one shareable view of a session, and the FHIR R4 record.

API:

- ``shareable(session) -> Session``: a copy holding only what may leave the service (never the team's
  private notes); letters and the FHIR record are both made from it.
- ``build_bundle(session, register, *, today=None, finished=None, source=None) -> FhirRecord``: the
  session as one FHIR R4 (4.0.1) Bundle, or InputError saying what to add first (the NHS number and
  date of birth an electronic record matches on, a Choice clinician, clinicians the register knows).
  ``FhirRecord.as_json()`` / ``.json_text()``; ``.notes`` say what was left out (a letter that
  could not be written).
- ``record_problems(session, register) -> list[Problem]``: the same checks, without building.
"""

from choice_assistant.interchange.bundle import FHIR_VERSION, FhirRecord, build_bundle, record_problems
from choice_assistant.appointment.shareable import shareable

__all__ = ["FHIR_VERSION", "FhirRecord", "build_bundle", "record_problems", "shareable"]
