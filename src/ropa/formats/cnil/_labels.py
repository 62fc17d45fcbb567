"""The CNIL template's sheets, sections and labels, as the CNIL writes them (the template's
own spelling kept, double spaces included), and the places of its cells."""

from __future__ import annotations

from ropa.text.messages import msg

LIST_SHEET = "Liste des traitements"
FICHE_PREFIX = "Fiche "

# The list of activities: three contact blocks (rows 1-6), then the table (row 8 headers).
CONTROLLER_BLOCK = (
    "Coordonnées du responsable de l’organisme\n(responsable de traitement ou son "
    "représentant si le responsable est situé en dehors de l’UE)"
)
REPRESENTATIVE_BLOCK = (
    "Coordonnées du représentant\n(responsable de traitement ou son représentant si le "
    "responsable est situé en dehors de l’UE)"
)
DPO_BLOCK = "Coordonnées du délégué à la protection des données (DPO)"
# (row offset, label column, label): the value is in the next column.
PERSON_FIELDS = (
    (0, 2, "name", "Nom :"),
    (0, 4, "first_name", "Prénom :"),
    (0, 6, "address", "Adresse :"),
    (0, 8, "email", "Adresse mél :"),
    (1, 2, "postcode", "Code postal :"),
    (1, 4, "city", "Ville :"),
    (1, 6, "phone", "Téléphone :"),
)
DPO_FIELDS = (
    (0, 2, "name", "Nom :"),
    (0, 4, "first_name", "Prénom :"),
    (0, 6, "company", "Société (si DPO externe) :"),
    (0, 8, "address", "Adresse :"),
    (1, 2, "postcode", "Code postal :"),
    (1, 4, "city", "Ville :"),
    (1, 6, "phone", "Téléphone :"),
    (1, 8, "email", "Adresse mél :"),
)
BLOCKS = (
    (1, "organisation", CONTROLLER_BLOCK, PERSON_FIELDS),
    (3, "representative", REPRESENTATIVE_BLOCK, PERSON_FIELDS),
    (5, "dpo", DPO_BLOCK, DPO_FIELDS),
)
IDENTIFICATION = "Identification du traitement"
LIST_PURPOSE = "Finalité du traitement"
LIST_SENSITIVE = "Données sensibles ?"
LIST_HEADERS = (
    "Nom du traitement",
    "N° / RÉF",
    "Date de création de la fiche",
    "Dernière mise à jour de la fiche",
)
YES_NO = "Oui/non"
YES, NO = "Oui", "Non"
LIST_HEADER_ROW = 8
EXAMPLE_MARK = "(EXEMPLE)"

# A fiche.
FICHE_TITLE = "Fiche de registre"
DESCRIPTION = "Description  du traitement  "
NAME = "Nom du traitement"
REF = "N° / RÉF"
CREATED = "Date de création du traitement"
UPDATED = "Mise à jour du traitement"
ACTORS = "Acteurs"
ACTOR_COLUMNS = ("Nom", "Adresse", "Code Postal", "Ville", "Pays", "Téléphone", "Adresse mél")
CONTROLLER = "Responsable du traitement"
DPO = "Délégué à la protection des données"
DPO_COMPANY = "Société du DPO (si celui-ci est externe)"
REPRESENTATIVE = "Représentant"
JOINT = "Responsable(s) conjoint(s)"
PURPOSES = "Finalité(s) du traitement effectué"
MAIN_PURPOSE = "Finalité principale"
SUB_PURPOSE = "Sous-finalité {n}"
SUB_PURPOSES = 5
CATEGORIES = "Catégories de données personnelles concernées"
SENSITIVE = "Données sensibles"
DESCRIPTION_COLUMN = "Description"
RETENTION_COLUMN = "Durée de conservation"
PERSONS = "Catégories de personnes concernées"
PERSON = "Catégorie de personnes {n}"
DETAILS_COLUMN = "Précisions"
RECIPIENTS = "Destinataires"
RECIPIENT_TYPE = "Type de destinataire"
RECIPIENT = "Destinataire {n}"
MEASURES = "Mesures de sécurité"
MEASURE_TYPE = "Type de mesure de sécurité"
MEASURE = "Mesure de sécurité {n}"
TRANSFERS = "Transferts hors UE"
TRANSFER_COLUMNS = ("Destinataire", "Pays", "Type de Garanties", "", "Liens vers la documentation")
TRANSFER = "Organisme destinataire {n}"
NONE = "Aucun"
"""Written where the register says "none" ([]); an empty section is "not stated"."""
PICK = "Sélectionnez un élément dans cette liste déroulante ►"

# The template's rows of ordinary categories (its examples of categories).
CATEGORY_EXAMPLES = (
    "État civil, identité, données d'identification, images…",
    "Vie personnelle (habitudes de vie, situation familiale, etc.)",
    "Informations d'ordre économique et financier (revenus, situation financière, situation "
    "fiscale, etc.)",
    "Données de connexion (adress IP, logs, etc.)",
    "Données de localisation (déplacements, données GPS, GSM, etc.)",
    "Numéro de Sécurité Sociale (ou NIR)",
)
# The template's rows of sensitive data, in its order, by ropa's special kind.
SENSITIVE_ROWS = {
    "racial_or_ethnic_origin": "Données révélant l'origine raciale ou ethnique",
    "political_opinions": "Données révélant les opinions politiques",
    "religious_or_philosophical_beliefs": "Données révélant les convictions religieuses ou "
    "philosophiques\u00a0",
    "trade_union_membership": "Données révélant l'appartenance syndicale",
    "genetic": "Données génétiques",
    "biometric": "Données biométriques aux fins d'identifier une personne physique de manière "
    "unique",
    "health": "Données concernant la santé",
    "sex_life_or_sexual_orientation": "Données concernant la vie sexuelle ou l'orientation "
    "sexuelle",
    "criminal": "Données relatives à des condamnations pénales ou  infractions",
}

# The template's drop-down lists (sheet "5 - Listes").
RECIPIENT_TYPES = {
    "internal": "Service interne qui traite les données",
    "processor": "Sous-traitants",
    "third_country": "Destinataires dans des pays tiers ou organisations internationales",
    "partner": "Partenaires institutionnels ou commerciaux",
    "other": "Autre (Préciser)",
}
# ropa's recipient kind -> the CNIL's type; and back, the kind a type is read as.
TYPE_OF_KIND = {
    "processor": "processor",
    "controller": "partner",
    "joint_controller": "partner",
    "public_authority": "partner",
    "group_company": "partner",
    "other": "other",
}
KIND_OF_TYPE = {
    "processor": "processor",
    "partner": "other",
    "other": "other",
    "internal": "other",
    "third_country": "other",
}
GUARANTEES = {
    "scc": "Clauses contractuelles types (CCT)",
    "bcr": "Règles d'entreprise contraignantes (BCR)",
    "adequacy": "Pays adéquat",
    "code_of_conduct": "Code de conduite",
    "certification": "Certification",
    "derogation": "Dérogations (art 49)",
}
MEASURE_TYPES = (
    "Mesures de traçabilité",
    "Mesures de protection des logiciels",
    "Sauvegarde des données",
    "Chiffrement des données",
    "Contrôle d'accès des utilisateurs",
    "Contrôle des sous-traitants",
    "Autres mesures (à préciser)",
)
OTHER_MEASURE = "Autres mesures (à préciser)"
PERSON_TYPES = (
    "Salariés",
    "Services Internes",
    "Clients",
    "Fournisseurs",
    "Prestataires",
    "Prospects",
    "Candidats",
    "Autres (préciser)",
)

NOT_HELD = (
    msg("layout.cnil.not_held.legal_bases"),
    msg("layout.cnil.not_held.activities"),
    msg("layout.cnil.not_held.register"),
    msg("layout.cnil.not_held.organisation"),
    msg("layout.cnil.not_held.joint_controllers"),
    msg("layout.cnil.not_held.subjects"),
    msg("layout.cnil.not_held.recipient_kinds"),
    msg("layout.cnil.not_held.recipients"),
    msg("layout.cnil.not_held.retention"),
    msg("layout.cnil.not_held.security"),
    msg("layout.cnil.not_held.languages"),
    msg("layout.cnil.not_held.processor"),
)
"""What a register says that the CNIL layout has no place for."""
