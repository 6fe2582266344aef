"""Modules d'intégration et ressources en français, écrits pour Mentora."""

from __future__ import annotations

MENTOR_MODULE_FR = {
    "title": "Intégration des mentors",
    "audience": "mentor",
    "language": "fr",
    "description": (
        "Six étapes courtes pour préparer votre première relation de mentorat : le rôle du "
        "mentor, l'écoute, le feedback, les objectifs SMART et une clôture réussie. "
        "Environ 30 minutes."
    ),
    "steps": [
        {
            "title": "Ce que l'on attend d'un mentor",
            "body": (
                "Un mentor n'est ni un manager, ni un formateur, ni un thérapeute. Vous prêtez "
                "votre expérience, votre réseau et votre regard pour que votre mentoré·e prenne "
                "ses propres décisions. La relation lui appartient : il ou elle apporte les "
                "sujets, vous l'aidez à réfléchir.\n\n"
                "Concrètement, vous vous engagez sur trois points : être disponible au rythme "
                "convenu (en général une heure par mois), garder confidentiel ce qui se dit, et "
                "rester honnête même quand c'est inconfortable. Personne n'attend de vous toutes "
                "les réponses : « je ne sais pas, cherchons qui peut t'aider » est une très "
                "bonne réponse de mentor.\n\n"
                "Lors de la première rencontre, vous rédigez ensemble un accord de mentorat : "
                "attentes de chacun, fréquence et lieu des rencontres, façon de se joindre entre "
                "deux séances et ce qui reste entre vous."
            ),
            "resource": "agreement-fr",
            "question": (
                "Votre mentoré·e vous demande quelle offre d'emploi accepter. Que faites-vous ?"
            ),
            "options": [
                "Vous lui dites laquelle vous prendriez : c'est le rôle d'un mentor.",
                "Vous l'aidez à comparer les options au regard de ses propres objectifs, puis "
                "vous le ou la laissez décider.",
                "Vous refusez d'en parler : c'est un sujet pour son manager.",
            ],
            "correct": 1,
            "explanation": (
                "Le mentor aide à réfléchir et à décider ; la décision reste celle du mentoré. "
                "Raconter comment vous avez choisi autrefois est utile, à condition de le "
                "présenter comme un exemple parmi d'autres et non comme la réponse."
            ),
        },
        {
            "title": "Pratiquer l'écoute active",
            "body": (
                "L'essentiel de la valeur d'une séance vient du fait que le mentoré s'entend "
                "réfléchir. Votre premier outil est donc l'écoute : visez moins d'un tiers du "
                "temps de parole.\n\n"
                "Écouter activement, c'est accorder toute son attention (téléphone rangé, "
                "caméra allumée à distance), poser des questions ouvertes (« À quoi verrais-tu "
                "que c'est réussi ? », « Qu'as-tu déjà essayé ? ») et reformuler (« Si je te "
                "comprends bien, ce n'est pas le délai qui te pèse, c'est le manque de "
                "reconnaissance ? »). La reformulation montre que vous avez écouté et permet "
                "d'être corrigé.\n\n"
                "Résistez à l'envie de résoudre le problème dans les cinq premières minutes. "
                "Le silence est permis : après une bonne question, c'est souvent dans la pause "
                "qu'arrive la vraie réponse."
            ),
            "resource": "questions-fr",
            "question": "Laquelle de ces questions est une question ouverte ?",
            "options": [
                "En as-tu parlé à ton manager ?",
                "Est-ce le principal obstacle ?",
                "Qu'est-ce qui changerait pour toi si ce projet réussissait ?",
            ],
            "correct": 2,
            "explanation": (
                "On ne répond pas à une question ouverte par oui ou non : elle invite à "
                "explorer et fait souvent émerger ce qui compte vraiment."
            ),
        },
        {
            "title": "Donner et recevoir du feedback",
            "body": (
                "Un feedback est une information sur l'effet d'un comportement, offerte pour "
                "que l'autre choisisse ce qu'il en fait. Un feedback utile est précis, donné "
                "rapidement et porte sur un comportement, jamais sur la personnalité.\n\n"
                "Une structure simple : Situation – Comportement – Impact. « Au comité de "
                "pilotage d'hier (situation), tu as présenté les chiffres avant le contexte "
                "(comportement), et j'ai vu la directrice décrocher (impact). » Puis "
                "demandez : « Comment l'as-tu vécu ? » Le feedback ouvre une conversation, ce "
                "n'est pas un verdict.\n\n"
                "Demandez aussi du feedback : en fin de séance, qu'est-ce qui a été utile, que "
                "pourriez-vous faire autrement ? Recevez-le d'un simple « merci », sans vous "
                "justifier ; vous y réfléchirez ensuite. Montrer comment on reçoit un feedback "
                "enseigne plus que n'importe quel conseil."
            ),
            "resource": "feedback-fr",
            "question": "Quel feedback suit le modèle Situation – Comportement – Impact ?",
            "options": [
                "Tu manques d'assurance quand tu prends la parole.",
                "Pendant la démonstration de ce matin, tu as lu tes diapositives mot à mot et "
                "les clients ont commencé à regarder leur téléphone.",
                "Super présentation, continue comme ça !",
            ],
            "correct": 1,
            "explanation": (
                "Il nomme un moment, un comportement observable et son effet. La première "
                "option juge la personne ; la troisième est aimable mais ne donne rien sur "
                "quoi travailler."
            ),
        },
        {
            "title": "Aider à fixer des objectifs SMART",
            "body": (
                "Dès les deux premières rencontres, aidez votre mentoré·e à transformer ses "
                "envies en deux ou trois objectifs pour le programme. Un objectif SMART est "
                "Spécifique, Mesurable, Atteignable, Réaliste (pertinent) et Temporellement "
                "défini.\n\n"
                "« Être plus à l'aise à l'oral » est une envie. « Présenter les résultats de "
                "l'équipe à la revue trimestrielle de juin, sans notes, et obtenir au moins une "
                "question de la salle » est un objectif : vous saurez tous deux s'il est "
                "atteint.\n\n"
                "Votre rôle : poser les questions qui précisent l'objectif (« Comment sauras-tu "
                "que tu y es ? », « Quel premier pas d'ici le mois prochain ? ») et vérifier "
                "que c'est bien son objectif, pas le vôtre. Enregistrez les objectifs dans "
                "Mentora pour suivre leur avancement à chaque rencontre."
            ),
            "resource": "smart-fr",
            "question": "Que signifie le T de SMART ?",
            "options": ["Transparent", "Temporellement défini (daté)", "Transversal"],
            "correct": 1,
            "explanation": (
                "Sans date, un objectif glisse de mois en mois. La date donne aussi un moment "
                "naturel pour faire le point ensemble."
            ),
        },
        {
            "title": "Faire vivre la relation",
            "body": (
                "La plupart des relations de mentorat qui échouent s'éteignent simplement : "
                "une séance est reportée, puis une autre, et personne n'ose relancer. Fixez la "
                "date de la rencontre suivante avant la fin de chaque séance.\n\n"
                "Si vous remarquez une difficulté — annulations répétées, échanges qui restent "
                "en surface, sujet qui dépasse votre rôle (santé, conflit avec un manager, "
                "harcèlement) — parlez-en franchement, et n'hésitez pas à signaler la situation "
                "au coordinateur du programme. Mettre fin à une relation qui ne fonctionne pas "
                "n'est pas un échec : cela se fait sans reproche et un nouveau binôme peut être "
                "proposé."
            ),
            "resource": None,
            "question": "Votre mentoré·e a annulé les deux dernières rencontres. Que faire ?",
            "options": [
                "Attendre : il ou elle reviendra quand ce sera le bon moment.",
                "Le ou la contacter, prendre des nouvelles et convenir d'une date, ou d'une pause.",
                "Prévenir son manager.",
            ],
            "correct": 1,
            "explanation": (
                "Un message bienveillant et direct relance le plus souvent la relation. Sinon, "
                "le coordinateur peut aider ; le manager ne fait pas partie de la relation de "
                "mentorat."
            ),
        },
        {
            "title": "Bien clôturer la relation",
            "body": (
                "Une bonne fin compte autant qu'un bon début. Prévoyez une rencontre de "
                "clôture : reprenez les objectifs fixés, ce qui a été atteint, ce qui a été "
                "appris et la suite pour votre mentoré·e.\n\n"
                "Dites aussi ce que vous avez appris : les mentors y gagnent souvent autant que "
                "les mentorés. Remerciez-vous mutuellement et décidez si et comment vous restez "
                "en contact. Mentora conserve un bilan de la relation et vous permet de "
                "rejoindre le réseau des anciens.\n\n"
                "Enfin, dites au coordinateur ce qui a marché ou non, grâce au questionnaire de "
                "fin : c'est ainsi que la promotion suivante sera meilleure."
            ),
            "resource": "closing-fr",
            "question": None,
        },
    ],
}

MENTEE_MODULE_FR = {
    "title": "Intégration des mentoré·e·s",
    "audience": "mentee",
    "language": "fr",
    "description": (
        "Six étapes courtes pour tirer le meilleur de votre mentorat : votre rôle, la "
        "préparation des rencontres, l'écoute, le feedback, les objectifs SMART et la "
        "clôture. Environ 30 minutes."
    ),
    "steps": [
        {
            "title": "C'est vous qui pilotez la relation",
            "body": (
                "Le mentorat fonctionne le mieux quand le mentoré mène la danse. Votre mentor "
                "donne du temps et de l'expérience ; vous apportez les sujets, les questions "
                "et les décisions.\n\n"
                "Concrètement, c'est à vous de proposer les dates, d'envoyer quelques lignes "
                "avant chaque rencontre sur ce dont vous voulez parler, et de donner suite à "
                "ce qui a été décidé. Votre mentor n'est pas votre manager : il ne vous évalue "
                "pas, et ce que vous dites reste entre vous, comme le prévoit votre accord de "
                "mentorat.\n\n"
                "Venez l'esprit ouvert : votre mentor pourra vous bousculer un peu. Cela fait "
                "partie de la valeur de la démarche."
            ),
            "resource": "agreement-fr",
            "question": "Qui propose les sujets des rencontres de mentorat ?",
            "options": ["Le mentor", "Le ou la mentoré·e", "Le coordinateur du programme"],
            "correct": 1,
            "explanation": (
                "La relation sert votre développement : c'est à vous d'apporter les sujets. "
                "Votre mentor peut bien sûr en suggérer aussi."
            ),
        },
        {
            "title": "Préparer chaque rencontre",
            "body": (
                "Une heure passe vite. Prenez dix minutes avant chaque rencontre pour répondre "
                "à trois questions : que s'est-il passé depuis la dernière fois, de quoi ai-je "
                "envie de parler aujourd'hui, et qu'est-ce qui rendrait cette heure utile ?\n\n"
                "Envoyez vos réponses à votre mentor un ou deux jours avant. En fin de séance, "
                "notez une ou deux actions et la date de la prochaine rencontre. L'ordre du "
                "jour de première rencontre, dans la bibliothèque, vous donne une structure "
                "toute prête pour démarrer."
            ),
            "resource": "agenda-fr",
            "question": None,
        },
        {
            "title": "Écouter et poser de bonnes questions",
            "body": (
                "Les récits de votre mentor ne sont utiles que si vous en tirez vos propres "
                "leçons. Écoutez activement : prenez des notes, reformulez (« Donc ce qui a "
                "fait la différence, c'est d'avoir parlé tôt au client ? ») et demandez comment "
                "une expérience s'appliquerait à votre situation.\n\n"
                "Les bonnes questions sont ouvertes et précises : « Comment as-tu préparé ton "
                "premier entretien annuel en tant que manager ? » en apprend plus que « C'était "
                "dur ? ». N'ayez pas peur d'interroger sur les échecs : c'est souvent là que se "
                "trouvent les meilleures leçons."
            ),
            "resource": "questions-fr",
            "question": "Quelle question a le plus de chances de vous apprendre quelque chose ?",
            "options": [
                "Tu aimes ton métier ?",
                "Comment as-tu choisi à quels projets dire non pendant ta première année de "
                "manager ?",
                "Ta carrière a-t-elle été facile ?",
            ],
            "correct": 1,
            "explanation": (
                "Une question ouverte et précise sur une situation réelle appelle un récit "
                "concret dont vous pouvez tirer des leçons."
            ),
        },
        {
            "title": "Demander et recevoir du feedback",
            "body": (
                "Votre mentor peut vous offrir un regard extérieur que les collègues donnent "
                "rarement. Demandez-le explicitement et précisément : « Peux-tu me dire comment "
                "mon message au comité est perçu ? » fonctionne mieux que « Que penses-tu de "
                "moi ? ».\n\n"
                "Quand vous recevez un feedback, écoutez jusqu'au bout, remerciez et posez des "
                "questions pour comprendre — pas pour vous défendre. Vous déciderez ensuite ce "
                "que vous en faites. Donner du feedback à votre mentor sur les séances (« "
                "j'aimerais plus de temps sur mes questions ») est bienvenu aussi : la relation "
                "s'améliore pour tous les deux."
            ),
            "resource": "feedback-fr",
            "question": (
                "Votre mentor vous fait un retour qui vous semble injuste. Première réaction ?"
            ),
            "options": [
                "Expliquer tout de suite pourquoi il ou elle se trompe.",
                "Remercier et poser une question pour comprendre ce qui a été observé.",
                "Ne rien dire et annuler la rencontre suivante.",
            ],
            "correct": 1,
            "explanation": (
                "Comprendre d'abord, juger ensuite. Vous pourrez toujours être en désaccord, "
                "mais en connaissance de cause."
            ),
        },
        {
            "title": "Fixer des objectifs SMART",
            "body": (
                "Lors de vos premières rencontres, transformez vos envies en deux ou trois "
                "objectifs Spécifiques, Mesurables, Atteignables, Réalistes et Temporellement "
                "définis.\n\n"
                "« Mieux comprendre la finance » devient « D'ici fin mars, lire seul·e le "
                "reporting mensuel de la division et expliquer à mon équipe les trois "
                "principaux écarts ». Vous saurez si vous y êtes arrivé·e, et votre mentor sait "
                "comment vous aider.\n\n"
                "Enregistrez vos objectifs dans Mentora et mettez à jour leur statut au fil de "
                "l'eau : en bonne voie, en retard, atteint. Modifier un objectif qui ne "
                "convient plus est normal — dites simplement pourquoi."
            ),
            "resource": "smart-fr",
            "question": "Quel objectif est SMART ?",
            "options": [
                "Gagner en visibilité.",
                "Présenter un projet à la réunion générale de mai et recueillir l'avis de deux "
                "collègues.",
                "Tout apprendre sur la donnée.",
            ],
            "correct": 1,
            "explanation": (
                "Il dit quoi, comment le mesurer et pour quand. Les autres sont des envies "
                "qu'il reste à préciser."
            ),
        },
        {
            "title": "Clôturer et préparer la suite",
            "body": (
                "À la fin du programme, préparez la rencontre de clôture avec autant de soin "
                "que la première : quels objectifs avez-vous atteints, qu'avez-vous appris, "
                "que continuerez-vous à faire seul·e ?\n\n"
                "Remerciez votre mentor concrètement — ce qui a changé grâce à lui ou elle. "
                "Décidez ensemble si vous restez en contact. Et pensez à la suite : beaucoup "
                "de mentorés deviennent mentors à leur tour un ou deux ans plus tard."
            ),
            "resource": "closing-fr",
            "question": "À quoi sert avant tout la rencontre de clôture ?",
            "options": [
                "À noter le mentor.",
                "À faire le bilan des objectifs et des apprentissages, se remercier et "
                "convenir de la suite.",
                "À planifier une année de rencontres supplémentaire.",
            ],
            "correct": 1,
            "explanation": (
                "Une fin préparée consolide les apprentissages et laisse à chacun un bon "
                "souvenir de la relation."
            ),
        },
    ],
}

RESOURCES_FR = [
    {
        "key": "agreement-fr",
        "kind": "template",
        "title": "Modèle d'accord de mentorat",
        "audience": "all",
        "topics": ["Démarrer", "Accord"],
        "description": (
            "À remplir ensemble lors de la première rencontre, puis à signer dans Mentora.\n\n"
            "1. Pourquoi nous nous rencontrons : les deux ou trois objectifs du mentoré.\n"
            "2. Comment : fréquence (par exemple une heure par mois), lieu ou lien visio, qui "
            "réserve les créneaux.\n"
            "3. Entre deux séances : comment nous nous joignons et sous quel délai.\n"
            "4. Confidentialité : ce qui se dit reste entre nous, sauf danger pour quelqu'un.\n"
            "5. Limites : les sujets que nous laissons de côté ; le mentor n'est pas le "
            "manager.\n"
            "6. Fin : quand nous faisons le point, et chacun peut mettre fin à la relation "
            "sans reproche."
        ),
    },
    {
        "key": "agenda-fr",
        "kind": "template",
        "title": "Ordre du jour de la première rencontre",
        "audience": "all",
        "topics": ["Démarrer", "Rencontres"],
        "description": (
            "Une structure pour la première heure ensemble.\n\n"
            "10 min — Présentations : parcours, ce que chacun attend du programme.\n"
            "15 min — La situation du mentoré aujourd'hui et ce qu'il ou elle veut faire "
            "évoluer.\n"
            "15 min — Premier jet des objectifs (à rendre SMART à la rencontre suivante).\n"
            "15 min — Organisation : accord de mentorat, rythme, canal.\n"
            "5 min — Date de la prochaine rencontre et une action chacun."
        ),
    },
    {
        "key": "smart-fr",
        "kind": "template",
        "title": "Fiche objectif SMART",
        "audience": "mentee",
        "topics": ["Objectifs"],
        "description": (
            "Une fiche par objectif.\n\n"
            "Mon envie, avec mes mots : …\n"
            "Spécifique — qu'est-ce que je ferai ou saurai faire exactement ? …\n"
            "Mesurable — à quoi verrai-je (et les autres) que c'est fait ? …\n"
            "Atteignable — de quoi ai-je besoin, est-ce à ma portée pendant le programme ? …\n"
            "Réaliste et pertinent — pourquoi est-ce important pour moi et mon travail ? …\n"
            "Temporellement défini — pour quand ? …\n"
            "Premier pas d'ici un mois : …"
        ),
    },
    {
        "key": "feedback-fr",
        "kind": "guide",
        "title": "Guide du feedback : Situation – Comportement – Impact",
        "audience": "all",
        "topics": ["Feedback"],
        "description": (
            "Situation : nommez le moment (« lors de l'appel client de mardi »).\n"
            "Comportement : décrivez ce que vous avez vu ou entendu, sans interpréter (« tu as "
            "interrompu la cliente deux fois »).\n"
            "Impact : dites l'effet observé ou ressenti (« elle a cessé de donner des "
            "détails »).\n"
            "Puis demandez : « Comment l'as-tu vécu ? » et cherchez ensemble la suite.\n\n"
            "Pour recevoir un feedback : écouter jusqu'au bout, remercier, poser une question "
            "pour comprendre, décider plus tard de ce qu'on en fait."
        ),
    },
    {
        "key": "questions-fr",
        "kind": "guide",
        "title": "Écoute active : douze questions ouvertes",
        "audience": "all",
        "topics": ["Écoute"],
        "description": (
            "Pour ouvrir : Qu'est-ce qui t'occupe le plus en ce moment ? De quoi as-tu envie "
            "de parler aujourd'hui ?\n"
            "Pour explorer : Que s'est-il passé exactement ? Qu'as-tu déjà essayé ? Qui d'autre "
            "est concerné ?\n"
            "Pour clarifier : Qu'entends-tu par « compliqué » ? Qu'est-ce qui compte le plus "
            "pour toi là-dedans ?\n"
            "Pour avancer : À quoi verrais-tu que c'est réussi ? Quelles options vois-tu ? "
            "Quel serait un premier pas ?\n"
            "Pour conclure : Qu'est-ce que tu retiens ? Que feras-tu d'ici notre prochaine "
            "rencontre ?"
        ),
    },
    {
        "key": "closing-fr",
        "kind": "guide",
        "title": "Clôturer une relation de mentorat : le bilan",
        "audience": "all",
        "topics": ["Clôture"],
        "description": (
            "À préparer chacun de son côté avant la rencontre de clôture.\n\n"
            "Objectifs : lesquels sont atteints, lesquels ont changé, pourquoi ?\n"
            "Apprentissages : qu'ai-je appris sur moi, sur mon métier, sur l'entreprise ?\n"
            "Reconnaissance : qu'est-ce que l'autre m'a apporté, concrètement ?\n"
            "Suite : restons-nous en contact ? Ai-je envie de devenir mentor à mon tour ?"
        ),
    },
]
