import { defineMessages } from "./define";

// The overview's headline ("In het kort"), its page navigation and counting rules added with it.
export const headlineMessages = defineMessages(
  {
    "overview.headline.title": "In het kort",
    "overview.headline.moneyNothing": "{amount} stopt in {quarter}, nog niets geregeld.",
    "overview.headline.moneyPartly": "{amount} stopt in {quarter}; {shortfall} daarvan is nog niet geregeld.",
    "overview.headline.moneyArranged": "{amount} stopt in {quarter}; alles is geregeld.",
    "overview.headline.moneyPending": "Voor {pending} is een verlenging aangevraagd of gepland.",
    "overview.headline.noMoneyEnding": "In de komende vier kwartalen stopt er geen geld.",
    "overview.headline.urgent": "{count} activiteiten zijn dringend, {atRisk} in gevaar.",
    "overview.headline.urgentOne": "1 activiteit is dringend, {atRisk} in gevaar.",
    "overview.headline.noUrgent": "Geen activiteit is dringend; {atRisk} in gevaar.",
    "overview.headline.volunteers": "{count} vrijwilligers in {year}; in {lastYear} waren het er {lastCount}.",
    "overview.headline.volunteersMore": "Dat zijn er {diff} meer.",
    "overview.headline.volunteersFewer": "Dat zijn er {diff} minder.",
    "overview.headline.volunteersSame": "Evenveel als het jaar ervoor.",
    "overview.headline.toMoney": "Geld dat stopt",
    "overview.headline.toRisks": "Wat loopt gevaar",
    "overview.headline.toYears": "Jaar op jaar",
    "overview.headline.hood": "{name} in het kort",
    "overview.headline.hoods": "Je buurten in het kort",
    "overview.headline.hoodLine":
      "{urgent} dringend, {atRisk} in gevaar; {amount} stopt in de komende twee jaar, {shortfall} daarvan nog niet geregeld.",
    "overview.sections": "Onderdelen van het overzicht",
    "overview.showTable": "{caption}: de cijfers in een tabel",
    "overview.continuity.nav": "Hoe lang het volhoudt",
    "overview.assets.nav": "Buurtkracht",
    "overview.cliff.summary":
      "In de komende twee jaar stopt {total} per jaar; daarvan is {shortfall} nog niet geregeld. {activities} activiteiten hangen van dat geld af.",
    "overview.years.ruleNow":
      "Nu, risico's en geld dat stopt: alleen lopende initiatieven (actief of gepauzeerd) en hun activiteiten die niet gearchiveerd zijn. Gestopte en overgedragen initiatieven tellen mee in de jaren terug en bij 'Hoe lang houden initiatieven het vol?'.",
    "overview.years.ruleCliff":
      "Geld dat stopt: toegekend geld dat in dat kwartaal afloopt. Het is geregeld als de verlenging is toegekend, of als een geldbron die als verlenging of opvolger is aangegeven is toegekend en op tijd begint. Wat niet zo vervangen is, is nog niet geregeld.",
    "overview.printCapped": "Op papier staan de eerste {shown}. Alles staat op het scherm en in de CSV.",
    "overview.printReasons": "Op papier staan per activiteit de twee belangrijkste redenen. Alle redenen staan op het scherm en in de CSV.",
  },
  {
    "overview.headline.title": "In short",
    "overview.headline.moneyNothing": "{amount} ends in {quarter}, nothing arranged yet.",
    "overview.headline.moneyPartly": "{amount} ends in {quarter}; {shortfall} of it is not arranged yet.",
    "overview.headline.moneyArranged": "{amount} ends in {quarter}; all of it is arranged.",
    "overview.headline.moneyPending": "A renewal is applied for or planned for {pending}.",
    "overview.headline.noMoneyEnding": "No money ends in the next four quarters.",
    "overview.headline.urgent": "{count} activities are urgent, {atRisk} at risk.",
    "overview.headline.urgentOne": "1 activity is urgent, {atRisk} at risk.",
    "overview.headline.noUrgent": "No activity is urgent; {atRisk} at risk.",
    "overview.headline.volunteers": "{count} volunteers in {year}; in {lastYear} there were {lastCount}.",
    "overview.headline.volunteersMore": "That is {diff} more.",
    "overview.headline.volunteersFewer": "That is {diff} fewer.",
    "overview.headline.volunteersSame": "The same as the year before.",
    "overview.headline.toMoney": "Money ending",
    "overview.headline.toRisks": "What is at risk",
    "overview.headline.toYears": "Year on year",
    "overview.headline.hood": "{name} in short",
    "overview.headline.hoods": "Your neighbourhoods in short",
    "overview.headline.hoodLine":
      "{urgent} urgent, {atRisk} at risk; {amount} ends in the next two years, {shortfall} of it not arranged yet.",
    "overview.sections": "Parts of the overview",
    "overview.showTable": "{caption}: the numbers in a table",
    "overview.continuity.nav": "How long it lasts",
    "overview.assets.nav": "Assets",
    "overview.cliff.summary":
      "In the next two years {total} a year ends; {shortfall} of it is not arranged yet. {activities} activities depend on that money.",
    "overview.years.ruleNow":
      "Now, risks and money ending: only running initiatives (active or paused) and their activities that are not archived. Stopped and handed-over initiatives count in the past years and under 'How long do initiatives last?'.",
    "overview.years.ruleCliff":
      "Money ending: granted money that ends in that quarter. It is arranged when its renewal is granted, or when a stream marked as its renewal or successor is granted and starts in time. What is not replaced that way is not arranged yet.",
    "overview.printCapped": "On paper, the first {shown} are shown. The screen and the CSV have them all.",
    "overview.printReasons": "On paper, each activity shows its two weightiest reasons. The screen and the CSV have them all.",
  },
);
