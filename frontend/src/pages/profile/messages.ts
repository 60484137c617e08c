/** The profile page's sentences, in English and Spanish. */
import { defineMessages } from "../../i18n.tsx";

export const messages = defineMessages(
  {
    published: "The public profile",
    publishedIntro:
      "What the members say of {name} for co-op maps and other DisCOs: a Murmurations organisation document, whose address and hash the members record by a vote.",
    none: "{name} has no public profile yet. Fill in the form below and propose it to the members.",
    uri: "Document",
    hash: "Recorded hash",
    fetching: "Fetching the document…",
    fetchFailed: "Could not fetch the document: {error}",
    unfetchable: "This address can't be opened by a browser: the document can't be checked here.",
    badHash: "The document fetched does not match the recorded hash: it was changed after the vote. Don't rely on it.",
    badShape: "The document matches its hash but is not a Murmurations organisation profile.",
    checked: "Checked: the document matches the hash the members recorded.",
    name: "Name",
    description: "What it does",
    languages: "Languages",
    languagesHint: "Codes, separated by commas: en, es, ca",
    place: "Where it is",
    locality: "Town or city",
    region: "Region",
    country: "Country code",
    website: "Website",
    offers: "What it offers",
    offersHint: "Short tags, separated by commas: translation, web hosting",
    edit: "Write the profile",
    editIntro: "The form builds the document; the members then vote to record its address and hash.",
    document: "The document",
    documentHash: "Its hash: {hash}",
    publishAt: "Address where the document is published",
    publishHint:
      "Publish the text above exactly as shown (at a web or IPFS address), or keep it in the record itself as a data: address.",
    useData: "Keep it in the record (data: address)",
    uriEmpty: "Say where the document is published.",
    fixFirst: "Correct the profile first.",
  },
  {
    published: "El perfil público",
    publishedIntro:
      "Lo que las socias cuentan de {name} para los mapas de cooperativas y otras DisCOs: un documento de organización de Murmurations, cuya dirección y huella registran las socias por votación.",
    none: "{name} aún no tiene perfil público. Rellena el formulario de abajo y propónselo a las socias.",
    uri: "Documento",
    hash: "Huella registrada",
    fetching: "Obteniendo el documento…",
    fetchFailed: "No se ha podido obtener el documento: {error}",
    unfetchable: "Un navegador no puede abrir esta dirección: aquí no se puede comprobar el documento.",
    badHash:
      "El documento obtenido no coincide con la huella registrada: se cambió después de la votación. No te fíes de él.",
    badShape: "El documento coincide con su huella, pero no es un perfil de organización de Murmurations.",
    checked: "Comprobado: el documento coincide con la huella que registraron las socias.",
    name: "Nombre",
    description: "Qué hace",
    languages: "Idiomas",
    languagesHint: "Códigos, separados por comas: en, es, ca",
    place: "Dónde está",
    locality: "Pueblo o ciudad",
    region: "Región",
    country: "Código del país",
    website: "Web",
    offers: "Qué ofrece",
    offersHint: "Etiquetas cortas, separadas por comas: traducción, alojamiento web",
    edit: "Escribir el perfil",
    editIntro:
      "El formulario construye el documento; después las socias votan para registrar su dirección y su huella.",
    document: "El documento",
    documentHash: "Su huella: {hash}",
    publishAt: "Dirección donde se publica el documento",
    publishHint:
      "Publica el texto de arriba tal como se muestra (en una dirección web o de IPFS), o guárdalo en el propio registro como una dirección data:.",
    useData: "Guardarlo en el registro (dirección data:)",
    uriEmpty: "Di dónde se publica el documento.",
    fixFirst: "Corrige antes el perfil.",
  },
);

export type ProfileMessage = keyof typeof messages.en;
