"""English onboarding modules and library resources written for Mentora's demo and new sites."""

from __future__ import annotations

MENTOR_MODULE_EN = {
    "title": "Mentor onboarding",
    "audience": "mentor",
    "language": "en",
    "description": (
        "Six short steps to prepare you for your first mentoring relationship: what is "
        "expected of a mentor, listening, feedback, SMART goals and a good ending. "
        "About 30 minutes."
    ),
    "steps": [
        {
            "title": "What is expected of a mentor",
            "body": (
                "A mentor is not a manager, a trainer or a therapist. You lend your experience, "
                "your network and your perspective so that your mentee can make their own "
                "decisions. The relationship belongs to the mentee: they bring the topics, you "
                "help them think.\n\n"
                "In practice you commit to three things: to be available at the agreed rhythm "
                "(usually one hour a month), to keep what is said confidential, and to be honest "
                "even when it is uncomfortable. Nobody expects you to have every answer; saying "
                "“I don’t know, let’s find out who does” is a perfectly good mentoring move.\n\n"
                "At the first meeting you and your mentee write a mentoring agreement together: "
                "expectations on both sides, how often and where you meet, how you contact each "
                "other between meetings and what stays between you."
            ),
            "resource": "agreement-en",
            "question": "Your mentee asks you which job offer they should accept. What do you do?",
            "options": [
                "Tell them which one you would take: that is why they have a mentor.",
                "Help them weigh the options against their own goals, and let them decide.",
                "Refuse to talk about it: career choices are for their manager.",
            ],
            "correct": 1,
            "explanation": (
                "A mentor helps the mentee think and decide; the decision stays theirs. "
                "Sharing how you once chose is useful, as long as it is offered as one "
                "example, not as the answer."
            ),
        },
        {
            "title": "Listening actively",
            "body": (
                "Most of the value of a mentoring session comes from the mentee hearing "
                "themselves think. Your main tool is listening: aim to speak for less than a "
                "third of the time.\n\n"
                "Active listening means giving your full attention (phone away, camera on if "
                "remote), asking open questions (“What would success look like?”, “What have "
                "you tried so far?”), and reformulating what you heard (“If I understand you, "
                "the deadline is not the problem, the lack of recognition is?”). Reformulating "
                "shows you listened and lets your mentee correct you.\n\n"
                "Resist the urge to fix the problem in the first five minutes. Silence is "
                "allowed: a pause after a good question is often when the real answer comes."
            ),
            "resource": None,
            "question": "Which of these is an open question?",
            "options": [
                "Did you talk to your manager about it?",
                "Is this the main obstacle?",
                "What would change for you if this project succeeded?",
            ],
            "correct": 2,
            "explanation": (
                "Open questions cannot be answered with yes or no; they invite the mentee to "
                "explore and often bring out what matters most."
            ),
        },
        {
            "title": "Giving and receiving feedback",
            "body": (
                "Feedback is information about the effect of a behaviour, offered so that the "
                "other person can choose what to do with it. Useful feedback is specific, "
                "timely and about behaviour, never about personality.\n\n"
                "A simple structure is Situation – Behaviour – Impact: “In yesterday’s "
                "steering meeting (situation), you presented the figures before the context "
                "(behaviour), and I saw the director lose the thread (impact).” Then ask: "
                "“How did you see it?” Feedback is the start of a conversation, not a verdict.\n\n"
                "Ask for feedback too: at the end of a session, ask what was useful and what "
                "you could do differently. Receive it with a simple “thank you”, without "
                "justifying yourself; you can think about it afterwards. Modelling how to "
                "receive feedback teaches more than any advice."
            ),
            "resource": "feedback-en",
            "question": "Which piece of feedback follows the Situation – Behaviour – Impact model?",
            "options": [
                "You are not very confident when you speak in public.",
                "In this morning’s demo you read your slides word for word, and the clients "
                "started checking their phones.",
                "Great presentation, keep it up!",
            ],
            "correct": 1,
            "explanation": (
                "It names a moment, an observable behaviour and its effect. The first option "
                "judges the person; the third is kind but gives nothing to work with."
            ),
        },
        {
            "title": "Helping your mentee set SMART goals",
            "body": (
                "Within the first two meetings, help your mentee turn their wishes into two or "
                "three goals for the programme. A SMART goal is Specific, Measurable, "
                "Achievable, Relevant and Time-bound.\n\n"
                "“Get better at public speaking” is a wish. “Present our team’s results at the "
                "quarterly review in June, with no notes, and get at least one question from "
                "the audience” is a goal: you will both know whether it was reached.\n\n"
                "Your role is to ask the questions that make a goal sharper (“How will you know "
                "you got there?”, “What is a first step for next month?”) and to check that it "
                "is the mentee’s goal, not yours. Record the goals in Mentora so that you can "
                "look at progress together at each meeting."
            ),
            "resource": "smart-en",
            "question": "What does the T in SMART stand for?",
            "options": ["Targeted", "Time-bound", "Transparent"],
            "correct": 1,
            "explanation": (
                "A goal needs a date: without one, it slips from month to month. The date also "
                "gives you both a natural moment to review it."
            ),
        },
        {
            "title": "Keeping the relationship alive",
            "body": (
                "Most mentoring relationships that fail simply fade: a meeting is postponed, "
                "then another, and nobody dares to restart. Put the next meeting in the "
                "calendar before the end of each session.\n\n"
                "If you notice a problem — your mentee cancels often, the conversation stays "
                "superficial, a topic is beyond your role (health, conflict with a manager, "
                "harassment) — talk about it openly, and do not hesitate to raise a concern "
                "with the programme coordinator. Ending a relationship that does not work is "
                "not a failure; it happens without blame and a new match can be proposed."
            ),
            "resource": None,
            "question": "Your mentee has cancelled the last two meetings. What is the best move?",
            "options": [
                "Wait: they will come back when they are ready.",
                "Contact them, ask how things are and agree on a date, or on a pause.",
                "Report them to their manager.",
            ],
            "correct": 1,
            "explanation": (
                "A kind, direct message usually restarts the relationship. If it does not, the "
                "coordinator can help; managers are not part of the mentoring relationship."
            ),
        },
        {
            "title": "Closing the relationship well",
            "body": (
                "A good ending matters as much as a good start. Plan a closing meeting: look "
                "back at the goals you set, what was achieved, what was learnt and what comes "
                "next for your mentee.\n\n"
                "Say what you learnt yourself: mentors often gain as much as mentees. Thank "
                "each other, and agree on whether and how you keep in touch. Mentora keeps a "
                "summary of the relationship and lets both of you join the alumni network.\n\n"
                "Finally, tell the coordinator what worked and what did not, through the end "
                "survey: it improves the next round of the programme."
            ),
            "resource": None,
            "question": None,
        },
    ],
}

MENTEE_MODULE_EN = {
    "title": "Mentee onboarding",
    "audience": "mentee",
    "language": "en",
    "description": (
        "Six short steps to get the most out of your mentoring: your role, preparing "
        "meetings, listening and asking, feedback, SMART goals and closing. About 30 minutes."
    ),
    "steps": [
        {
            "title": "You drive the relationship",
            "body": (
                "Mentoring works best when the mentee leads. Your mentor gives time and "
                "experience; you bring the topics, the questions and the decisions.\n\n"
                "Concretely, it is up to you to propose meeting dates, to send a few lines "
                "before each meeting about what you want to discuss, and to follow up on what "
                "you decided. Your mentor is not your manager: they will not assess you, and "
                "what you say stays between you, as written in your mentoring agreement.\n\n"
                "Come with an open mind: your mentor may challenge you. That is part of the "
                "value."
            ),
            "resource": "agreement-en",
            "question": "Who proposes the topics of the mentoring meetings?",
            "options": ["The mentor", "The mentee", "The programme coordinator"],
            "correct": 1,
            "explanation": (
                "The relationship serves your development, so you bring the topics. Your mentor "
                "can of course suggest some too."
            ),
        },
        {
            "title": "Preparing each meeting",
            "body": (
                "An hour goes fast. Spend ten minutes before each meeting answering three "
                "questions: what happened since last time, what do I want to talk about today, "
                "and what would make this hour useful?\n\n"
                "Send the answer to your mentor a day or two before. At the end of the meeting, "
                "write down one or two actions and the date of the next meeting. The first-"
                "meeting agenda in the library gives you a ready-made structure to start with."
            ),
            "resource": "agenda-en",
            "question": None,
        },
        {
            "title": "Listening, and asking good questions",
            "body": (
                "Your mentor’s stories are only useful if you turn them into your own lessons. "
                "Listen actively: take notes, reformulate (“So what made the difference was "
                "talking to the client early?”) and ask how an experience would apply to your "
                "situation.\n\n"
                "Good questions are open and specific: “How did you prepare your first "
                "management interview?” teaches more than “Was it hard?”. Do not be afraid to "
                "ask about failures: they are often where the best lessons are."
            ),
            "resource": None,
            "question": "Which question will most likely teach you something useful?",
            "options": [
                "Do you like your job?",
                "How did you decide which projects to say no to in your first year as a manager?",
                "Was your career easy?",
            ],
            "correct": 1,
            "explanation": (
                "An open, specific question about a real situation invites a concrete story you "
                "can learn from."
            ),
        },
        {
            "title": "Asking for and receiving feedback",
            "body": (
                "Your mentor can give you an outside view that colleagues rarely offer. Ask for "
                "it explicitly and precisely: “Could you tell me how my message to the "
                "committee comes across?” works better than “What do you think of me?”.\n\n"
                "When you receive feedback, listen to the end, thank, and ask questions to "
                "understand — not to defend yourself. You decide afterwards what you do with "
                "it. Giving feedback to your mentor about the sessions (“I’d like more time on "
                "my questions”) is welcome too: the relationship improves for both of you."
            ),
            "resource": "feedback-en",
            "question": (
                "Your mentor gives you feedback you find unfair. What is the best first reaction?"
            ),
            "options": [
                "Explain straight away why they are wrong.",
                "Thank them and ask a question to understand what they observed.",
                "Say nothing and cancel the next meeting.",
            ],
            "correct": 1,
            "explanation": (
                "Understanding comes before judging. You may still disagree afterwards, with "
                "better information."
            ),
        },
        {
            "title": "Setting SMART goals",
            "body": (
                "In your first meetings, turn what you want into two or three goals that are "
                "Specific, Measurable, Achievable, Relevant and Time-bound.\n\n"
                "“Understand finance better” becomes “By the end of March, read our division’s "
                "monthly report on my own and explain the three main gaps to my team”. You "
                "will know whether you got there, and your mentor knows how to help.\n\n"
                "Record your goals in Mentora and update their status as you go: on track, off "
                "track, achieved. Changing a goal that no longer fits is fine — say why."
            ),
            "resource": "smart-en",
            "question": "Which goal is SMART?",
            "options": [
                "Become more visible.",
                "Present one project at the May all-hands meeting and get feedback from two "
                "colleagues.",
                "Learn everything about data.",
            ],
            "correct": 1,
            "explanation": (
                "It says what, how you will measure it and by when. The others are wishes that "
                "still need to be made specific."
            ),
        },
        {
            "title": "Closing and what comes next",
            "body": (
                "At the end of the programme, prepare the closing meeting as carefully as the "
                "first: which goals did you reach, what did you learn, what will you keep "
                "doing on your own?\n\n"
                "Thank your mentor in concrete terms — what changed thanks to them. Decide "
                "together whether you keep in touch. And think about the next step: many "
                "mentees become mentors themselves a year or two later."
            ),
            "resource": None,
            "question": "What is the main purpose of the closing meeting?",
            "options": [
                "To grade the mentor.",
                "To review the goals and learning, thank each other and agree on what comes next.",
                "To plan another year of meetings.",
            ],
            "correct": 1,
            "explanation": (
                "A deliberate ending consolidates what was learnt and leaves both people with a "
                "good memory of the relationship."
            ),
        },
    ],
}

RESOURCES_EN = [
    {
        "key": "agreement-en",
        "kind": "template",
        "title": "Mentoring agreement template",
        "audience": "all",
        "topics": ["Getting started", "Agreement"],
        "description": (
            "To fill in together at the first meeting, then sign in Mentora.\n\n"
            "1. Why we meet: the mentee’s two or three goals for the programme.\n"
            "2. How we meet: frequency (e.g. once a month, one hour), place or video link, who "
            "books the meetings.\n"
            "3. Between meetings: how we contact each other and how quickly we answer.\n"
            "4. Confidentiality: what we say stays between us, unless there is a risk to "
            "someone’s safety.\n"
            "5. Boundaries: topics we leave out, and the mentor is not the mentee’s manager.\n"
            "6. Ending: when we review the relationship, and that either of us may end it "
            "without blame."
        ),
    },
    {
        "key": "agenda-en",
        "kind": "template",
        "title": "First meeting agenda",
        "audience": "all",
        "topics": ["Getting started", "Meetings"],
        "description": (
            "A structure for the first hour together.\n\n"
            "10 min — Introductions: career paths, what each of you hopes from the programme.\n"
            "15 min — The mentee’s situation today and what they would like to change.\n"
            "15 min — First draft of goals (to be made SMART at the next meeting).\n"
            "15 min — Practicalities: the mentoring agreement, rhythm, channel.\n"
            "5 min — Next meeting date and one action each."
        ),
    },
    {
        "key": "smart-en",
        "kind": "template",
        "title": "SMART goal worksheet",
        "audience": "mentee",
        "topics": ["Goals"],
        "description": (
            "One sheet per goal.\n\n"
            "My wish in my own words: …\n"
            "Specific — what exactly will I do or be able to do? …\n"
            "Measurable — how will I (and others) see that it is done? …\n"
            "Achievable — what do I need, and is it within my reach in this programme? …\n"
            "Relevant — why does it matter for me and my work? …\n"
            "Time-bound — by when? …\n"
            "First step for the next month: …"
        ),
    },
    {
        "key": "feedback-en",
        "kind": "guide",
        "title": "Feedback guide: Situation – Behaviour – Impact",
        "audience": "all",
        "topics": ["Feedback"],
        "description": (
            "Situation: name the moment (“in Tuesday’s client call”).\n"
            "Behaviour: describe what you saw or heard, without interpreting (“you interrupted "
            "the client twice”).\n"
            "Impact: say the effect you observed or felt (“she stopped giving details”).\n"
            "Then ask: “How did you experience it?” and look for the next step together.\n\n"
            "To receive feedback: listen to the end, thank, ask one question to understand, "
            "decide later what you do with it."
        ),
    },
    {
        "key": "checklist-en",
        "kind": "guide",
        "title": "Preparing a mentoring session: a mentee checklist",
        "audience": "mentee",
        "topics": ["Meetings"],
        "description": (
            "Two days before: send your mentor the topics you want to discuss.\n"
            "The day before: re-read your goals and the actions from last time.\n"
            "During: take notes, ask open questions, check the time.\n"
            "At the end: agree on one or two actions and the next date.\n"
            "After: update your goals in Mentora."
        ),
    },
    {
        "key": "reverse-en",
        "kind": "article",
        "title": "Reverse mentoring: when the junior mentors the senior",
        "audience": "all",
        "topics": ["Programme kinds"],
        "description": (
            "In reverse mentoring a younger or more junior colleague mentors a senior one, "
            "often on digital tools, new ways of working or the view from the field.\n\n"
            "It works when the senior accepts the role of learner, when both agree on concrete "
            "learning goals, and when confidentiality protects the junior mentor. It often "
            "brings a second benefit: the junior gains visibility and understanding of "
            "leadership concerns."
        ),
    },
]
