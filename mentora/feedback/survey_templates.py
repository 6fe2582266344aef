"""The survey templates Mentora ships, in French and English (MEASURE.md, "Instruments").

They are data, not translations: a coordinator copies one into a programme in their own
language and then owns the copy, so editing a template never changes a survey already
copied. Each text is a {language: text} mapping; choices are lists per language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mentora.feedback.models import QuestionKind, Subscale, SurveyKind

Text = dict[str, str]


@dataclass(frozen=True)
class TemplateQuestion:
    kind: str
    text: Text
    required: bool = True
    subscale: str = Subscale.NONE
    choices: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class SurveyTemplate:
    key: str
    kind: str
    title: Text
    questions: tuple[TemplateQuestion, ...]
    # Questions offered as an optional block (the mentoring-functions scale).
    optional: tuple[TemplateQuestion, ...] = ()

    def title_in(self, language: str) -> str:
        return _in(self.title, language)


def _in(text: Text, language: str) -> str:
    return text.get(language) or text["en"]


def text_in(question: TemplateQuestion, language: str) -> str:
    return _in(question.text, language)


def choices_in(question: TemplateQuestion, language: str) -> list[str]:
    return list(question.choices.get(language) or question.choices.get("en") or [])


SATISFACTION = TemplateQuestion(
    QuestionKind.SCALE5,
    {
        "fr": "Dans l'ensemble, êtes-vous satisfait·e du programme ? (1 = pas du tout, 5 = très)",
        "en": "Overall, how satisfied are you with the programme? (1 = not at all, 5 = very)",
    },
)
USEFULNESS = TemplateQuestion(
    QuestionKind.SCALE5,
    {
        "fr": "Le programme vous a-t-il été utile ? (1 = pas du tout, 5 = très)",
        "en": "How useful has the programme been to you? (1 = not at all, 5 = very)",
    },
)
SKILLS = TemplateQuestion(
    QuestionKind.SKILLS,
    {
        "fr": "Quelles compétences avez-vous développées ?",
        "en": "Which skills have you developed?",
    },
    required=False,
)
NPS = TemplateQuestion(
    QuestionKind.SCALE10,
    {
        "fr": "Recommanderiez-vous ce programme à un ou une collègue ? (0 = pas du tout, "
        "10 = certainement)",
        "en": "Would you recommend this programme to a colleague? (0 = not at all, 10 = certainly)",
    },
)
FREE_TEXT = TemplateQuestion(
    QuestionKind.TEXT,
    {
        "fr": "Que faudrait-il garder ou changer ?",
        "en": "What should we keep or change?",
    },
    required=False,
)
WORKING = TemplateQuestion(
    QuestionKind.SCALE5,
    {
        "fr": "Votre relation de mentorat fonctionne-t-elle bien ? (1 = pas du tout, 5 = très)",
        "en": "Is your mentoring relationship working well? (1 = not at all, 5 = very)",
    },
)
MEETING_PACE = TemplateQuestion(
    QuestionKind.SINGLE,
    {
        "fr": "Le rythme de vos rencontres vous convient-il ?",
        "en": "Does the pace of your meetings suit you?",
    },
    choices={
        "fr": ["Trop espacées", "Juste comme il faut", "Trop fréquentes"],
        "en": ["Too far apart", "About right", "Too frequent"],
    },
)


def _item(subscale: str, fr: str, en: str) -> TemplateQuestion:
    return TemplateQuestion(QuestionKind.SCALE5, {"fr": fr, "en": en}, subscale=subscale)


# The mentoring-functions scale: nine statements, three per subscale, each 1–5 (1 = strongly
# disagree, 5 = strongly agree); a subscale's score is the mean of its items.
MENTORING_FUNCTIONS = (
    _item(
        Subscale.CAREER,
        "Mon mentor ou ma mentore m'a aidé·e à voir comment progresser dans ma carrière.",
        "My mentor helped me see how to move forward in my career.",
    ),
    _item(
        Subscale.CAREER,
        "Mon mentor ou ma mentore m'a mis·e en relation avec des personnes utiles.",
        "My mentor put me in touch with people who could help me.",
    ),
    _item(
        Subscale.CAREER,
        "Mon mentor ou ma mentore m'a encouragé·e à prendre des missions qui me font grandir.",
        "My mentor encouraged me to take on work that stretches me.",
    ),
    _item(
        Subscale.PSYCHOSOCIAL,
        "Je peux parler à mon mentor ou ma mentore de ce qui m'inquiète.",
        "I can talk to my mentor about what worries me.",
    ),
    _item(
        Subscale.PSYCHOSOCIAL,
        "Mon mentor ou ma mentore m'a donné confiance en moi.",
        "My mentor has made me more confident.",
    ),
    _item(
        Subscale.PSYCHOSOCIAL,
        "Je me sens écouté·e et compris·e pendant nos échanges.",
        "I feel listened to and understood in our conversations.",
    ),
    _item(
        Subscale.ROLE_MODEL,
        "J'aimerais travailler comme mon mentor ou ma mentore.",
        "I would like to work the way my mentor does.",
    ),
    _item(
        Subscale.ROLE_MODEL,
        "Mon mentor ou ma mentore est un exemple pour moi.",
        "My mentor is an example to me.",
    ),
    _item(
        Subscale.ROLE_MODEL,
        "J'ai repris à mon compte des façons de faire de mon mentor ou ma mentore.",
        "I have adopted some of my mentor's ways of doing things.",
    ),
)

TEMPLATES = {
    t.key: t
    for t in (
        SurveyTemplate(
            "mid_point",
            SurveyKind.MID_POINT,
            {"fr": "Bilan à mi-parcours", "en": "Mid-point check"},
            (SATISFACTION, WORKING, MEETING_PACE, FREE_TEXT),
        ),
        SurveyTemplate(
            "end_of_programme",
            SurveyKind.END_OF_PROGRAMME,
            {"fr": "Bilan de fin de programme", "en": "End-of-programme survey"},
            (SATISFACTION, USEFULNESS, SKILLS, NPS, FREE_TEXT),
            optional=MENTORING_FUNCTIONS,
        ),
        SurveyTemplate(
            "end_of_relationship",
            SurveyKind.END_OF_RELATIONSHIP,
            {"fr": "Bilan de fin de relation", "en": "End-of-relationship survey"},
            (WORKING, USEFULNESS, SKILLS, FREE_TEXT),
        ),
        # A blank survey the coordinator writes from scratch.
        SurveyTemplate("custom", SurveyKind.CUSTOM, {"fr": "Questionnaire", "en": "Survey"}, ()),
    )
}
