<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BrandingPanel</name>
    <message>
        <source>Brand kit</source>
        <translation>Markenpaket</translation>
    </message>
    <message>
        <source>A shared brand kit (brand.json): colours, font and logo for all your videos; the values below override it</source>
        <translation>Ein gemeinsames Markenpaket (brand.json): Farben, Schrift und Logo für alle Ihre Videos; die Werte unten überschreiben es</translation>
    </message>
    <message>
        <source>Use the example brand kit</source>
        <translation>Beispiel-Markenpaket verwenden</translation>
    </message>
    <message>
        <source>Fill in the bundled example kit to see how branding looks</source>
        <translation>Das mitgelieferte Beispielpaket eintragen, um zu sehen, wie das Branding aussieht</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Your shop&apos;s logo (PNG with transparency works best)</source>
        <translation>Das Logo Ihres Shops (PNG mit Transparenz eignet sich am besten)</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Webadresse</translation>
    </message>
    <message>
        <source>Shown on screen and on the end card, e.g. www.my-shop.com</source>
        <translation>Wird im Bild und auf der Abschlusstafel gezeigt, z. B. www.mein-shop.de</translation>
    </message>
    <message>
        <source>Main colour</source>
        <translation>Hauptfarbe</translation>
    </message>
    <message>
        <source>Cards, banners and bars</source>
        <translation>Tafeln, Banner und Balken</translation>
    </message>
    <message>
        <source>Accent colour</source>
        <translation>Akzentfarbe</translation>
    </message>
    <message>
        <source>Caption badges and highlights</source>
        <translation>Untertitel-Plaketten und Hervorhebungen</translation>
    </message>
    <message>
        <source>Text colour</source>
        <translation>Textfarbe</translation>
    </message>
    <message>
        <source>Text on cards and banners</source>
        <translation>Text auf Tafeln und Bannern</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>Schrift</translation>
    </message>
    <message>
        <source>A TTF/OTF font for all text</source>
        <translation>Eine TTF/OTF-Schrift für alle Texte</translation>
    </message>
    <message>
        <source>At the start</source>
        <translation>Am Anfang</translation>
    </message>
    <message>
        <source>After the intro</source>
        <translation>Nach dem Intro</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>Bis zum Ende</translation>
    </message>
    <message>
        <source>At a time</source>
        <translation>Zu einer Zeit</translation>
    </message>
    <message>
        <source>Show the logo on the video</source>
        <translation>Logo im Video zeigen</translation>
    </message>
    <message>
        <source>The logo in a corner while the clips play</source>
        <translation>Das Logo in einer Ecke, während die Clips laufen</translation>
    </message>
    <message>
        <source>Logo position</source>
        <translation>Logo-Position</translation>
    </message>
    <message>
        <source>Where the logo sits (inside the safe area)</source>
        <translation>Wo das Logo sitzt (im sicheren Bereich)</translation>
    </message>
    <message>
        <source>Logo size</source>
        <translation>Logo-Größe</translation>
    </message>
    <message>
        <source>Height as a share of the video height</source>
        <translation>Höhe als Anteil der Videohöhe</translation>
    </message>
    <message>
        <source>Logo opacity</source>
        <translation>Logo-Deckkraft</translation>
    </message>
    <message>
        <source>1 = solid, lower = see-through</source>
        <translation>1 = deckend, weniger = durchscheinend</translation>
    </message>
    <message>
        <source>Logo appears</source>
        <translation>Logo erscheint</translation>
    </message>
    <message>
        <source>When the logo comes in: with the video, after the intro, or at a time</source>
        <translation>Wann das Logo erscheint: mit dem Video, nach dem Intro oder zu einer bestimmten Zeit</translation>
    </message>
    <message>
        <source>Logo disappears</source>
        <translation>Logo verschwindet</translation>
    </message>
    <message>
        <source>When the logo goes: at the end of the clips, or at a time</source>
        <translation>Wann das Logo verschwindet: am Ende der Clips oder zu einer bestimmten Zeit</translation>
    </message>
    <message>
        <source>Show the web address on the video</source>
        <translation>Webadresse im Video zeigen</translation>
    </message>
    <message>
        <source>The web address in a corner while the clips play</source>
        <translation>Die Webadresse in einer Ecke, während die Clips laufen</translation>
    </message>
    <message>
        <source>Address position</source>
        <translation>Position der Adresse</translation>
    </message>
    <message>
        <source>Where the web address sits</source>
        <translation>Wo die Webadresse sitzt</translation>
    </message>
    <message>
        <source>Address size</source>
        <translation>Größe der Adresse</translation>
    </message>
    <message>
        <source>Address style</source>
        <translation>Stil der Adresse</translation>
    </message>
    <message>
        <source>On a coloured plate, or plain text</source>
        <translation>Auf farbigem Schild oder als reiner Text</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>Schild</translation>
    </message>
    <message>
        <source>Plain</source>
        <translation>Schlicht</translation>
    </message>
    <message>
        <source>Address appears</source>
        <translation>Adresse erscheint</translation>
    </message>
    <message>
        <source>When the web address comes in: with the video, after the intro, or at a time</source>
        <translation>Wann die Webadresse erscheint: mit dem Video, nach dem Intro oder zu einer bestimmten Zeit</translation>
    </message>
    <message>
        <source>Address disappears</source>
        <translation>Adresse verschwindet</translation>
    </message>
    <message>
        <source>When the web address goes: at the end of the clips, or at a time</source>
        <translation>Wann die Webadresse verschwindet: am Ende der Clips oder zu einer bestimmten Zeit</translation>
    </message>
</context>
<context>
    <name>CaptionsPanel</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <source>Call-to-action captions. Times are on the finished video (intro included); negative times count back from the end.</source>
        <translation>Einblendungen mit Handlungsaufforderung. Zeiten gelten im fertigen Video (mit Intro); negative Zeiten zählen vom Ende zurück.</translation>
    </message>
    <message>
        <source>Add caption</source>
        <translation>Einblendung hinzufügen</translation>
    </message>
    <message>
        <source>Add a caption at the playhead, 3 seconds long</source>
        <translation>Eine Einblendung an der Abspielposition hinzufügen, 3 Sekunden lang</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected caption</source>
        <translation>Die ausgewählte Einblendung entfernen</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>badge</source>
        <translation>Plakette</translation>
    </message>
    <message>
        <source>banner</source>
        <translation>Banner</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>schlicht</translation>
    </message>
    <message>
        <source>Change caption {0}</source>
        <translation>Einblendung ändern: {0}</translation>
    </message>
    <message>
        <source>Edit caption {0}</source>
        <translation>Einblendung bearbeiten: {0}</translation>
    </message>
    <message>
        <source>Order today</source>
        <translation>Heute bestellen</translation>
    </message>
    <message>
        <source>Remove caption</source>
        <translation>Einblendung entfernen</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Something went wrong inside ShopReel: {0}</source>
        <translation>In ShopReel ist etwas schiefgegangen: {0}</translation>
    </message>
    <message>
        <source>Please report this with the details below.</source>
        <translation>Bitte melden Sie das mit den Details unten.</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <source>Ready to publish?</source>
        <translation>Bereit zum Veröffentlichen?</translation>
    </message>
    <message>
        <source>{0} check(s) failed, {1} warning(s). Fix the failures, or publish anyway.</source>
        <translation>{0} Prüfung(en) nicht bestanden, {1} Warnung(en). Beheben Sie die Fehler oder veröffentlichen Sie trotzdem.</translation>
    </message>
    <message>
        <source>Everything needed is there; {0} warning(s) could make the video better.</source>
        <translation>Alles Nötige ist vorhanden; {0} Warnung(en) könnten das Video verbessern.</translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation>Alle Prüfungen bestanden.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Gefunden</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>Publish anyway</source>
        <translation>Trotzdem veröffentlichen</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Render, make the thumbnail, write the sitemap entry, JSON-LD and embed snippet</source>
        <translation>Rendern, Vorschaubild erstellen, Sitemap-Eintrag, JSON-LD und Einbettungscode schreiben</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Video: {0}</source>
        <translation>Video: {0}</translation>
    </message>
    <message>
        <source>Thumbnail: {0}</source>
        <translation>Vorschaubild: {0}</translation>
    </message>
    <message>
        <source>Sitemap: {0}</source>
        <translation>Sitemap: {0}</translation>
    </message>
    <message>
        <source>Render reused (nothing changed)</source>
        <translation>Video wiederverwendet (nichts geändert)</translation>
    </message>
    <message>
        <source>Rendered fresh</source>
        <translation>Neu gerendert</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Hinweis: {0}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Show the published files</source>
        <translation>Die veröffentlichten Dateien zeigen</translation>
    </message>
    <message>
        <source>Copy embed snippet</source>
        <translation>Einbettungscode kopieren</translation>
    </message>
    <message>
        <source>Copy the HTML for the product page to the clipboard</source>
        <translation>Das HTML für die Produktseite in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Open preview page</source>
        <translation>Vorschauseite öffnen</translation>
    </message>
    <message>
        <source>See the video on a mock-up of the product page</source>
        <translation>Das Video auf einem Entwurf der Produktseite ansehen</translation>
    </message>
    <message>
        <source>Open on YouTube</source>
        <translation>Auf YouTube öffnen</translation>
    </message>
    <message>
        <source>Open the uploaded video on YouTube</source>
        <translation>Das hochgeladene Video auf YouTube öffnen</translation>
    </message>
</context>
<context>
    <name>IntroPanel</name>
    <message>
        <source>Show a title card at the start</source>
        <translation>Am Anfang eine Titeltafel zeigen</translation>
    </message>
    <message>
        <source>A short card with title, subtitle and logo, cross-faded into the first clip</source>
        <translation>Eine kurze Tafel mit Titel, Untertitel und Logo, in den ersten Clip überblendet</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Large text of the title card (empty: the project title)</source>
        <translation>Großer Text der Titeltafel (leer: der Projekttitel)</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Untertitel</translation>
    </message>
    <message>
        <source>Smaller line under the title</source>
        <translation>Kleinere Zeile unter dem Titel</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>How long the title card shows</source>
        <translation>Wie lange die Titeltafel zu sehen ist</translation>
    </message>
    <message>
        <source>Entrance</source>
        <translation>Auftritt</translation>
    </message>
    <message>
        <source>How the title appears</source>
        <translation>Wie der Titel erscheint</translation>
    </message>
    <message>
        <source>Fade in</source>
        <translation>Einblenden</translation>
    </message>
    <message>
        <source>Slide up</source>
        <translation>Hereingleiten</translation>
    </message>
    <message>
        <source>Own intro clip</source>
        <translation>Eigener Intro-Clip</translation>
    </message>
    <message>
        <source>Use your own clip instead of the generated card</source>
        <translation>Einen eigenen Clip statt der erzeugten Tafel verwenden</translation>
    </message>
    <message>
        <source>Show an end card</source>
        <translation>Abschlusstafel zeigen</translation>
    </message>
    <message>
        <source>A closing card with text, web address and logo</source>
        <translation>Eine Abschlusstafel mit Text, Webadresse und Logo</translation>
    </message>
    <message>
        <source>End card text</source>
        <translation>Text der Abschlusstafel</translation>
    </message>
    <message>
        <source>The call to action, e.g. &quot;Order now&quot;</source>
        <translation>Die Handlungsaufforderung, z. B. „Jetzt bestellen“</translation>
    </message>
    <message>
        <source>End card duration</source>
        <translation>Dauer der Abschlusstafel</translation>
    </message>
    <message>
        <source>How long the end card shows</source>
        <translation>Wie lange die Abschlusstafel zu sehen ist</translation>
    </message>
</context>
<context>
    <name>JobBar</name>
    <message>
        <source>Measuring the sound</source>
        <translation>Ton wird gemessen</translation>
    </message>
    <message>
        <source>Rendering</source>
        <translation>Rendern</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Making the thumbnail</source>
        <translation>Vorschaubild wird erstellt</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Progress of the running job</source>
        <translation>Fortschritt der laufenden Aufgabe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the running job; nothing half-written is kept</source>
        <translation>Die laufende Aufgabe beenden; nichts Halbfertiges bleibt zurück</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>{0}… {1}%, about {2} left</source>
        <translation>{0}… {1} %, noch etwa {2}</translation>
    </message>
    <message>
        <source>Done in {0:.1f} s</source>
        <translation>Fertig in {0:.1f} s</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written</source>
        <translation>Abgebrochen; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>Fehlgeschlagen: {0}</translation>
    </message>
</context>
<context>
    <name>JobsMixin</name>
    <message>
        <source>The project cannot be rendered yet</source>
        <translation>Das Projekt kann noch nicht gerendert werden</translation>
    </message>
    <message>
        <source>Wrote {0}</source>
        <translation>{0} geschrieben</translation>
    </message>
    <message>
        <source>The render failed</source>
        <translation>Das Rendern ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Rendering {0}…</source>
        <translation>{0} wird gerendert…</translation>
    </message>
    <message>
        <source>No quick preview</source>
        <translation>Keine Schnellvorschau</translation>
    </message>
    <message>
        <source>Quick preview ready</source>
        <translation>Schnellvorschau bereit</translation>
    </message>
    <message>
        <source>Quick preview…</source>
        <translation>Schnellvorschau…</translation>
    </message>
    <message>
        <source>No candidates yet</source>
        <translation>Noch keine Kandidaten</translation>
    </message>
    <message>
        <source>the video has not been rendered yet</source>
        <translation>das Video wurde noch nicht gerendert</translation>
    </message>
    <message>
        <source>render it first, then find the candidates</source>
        <translation>rendern Sie es zuerst, dann suchen Sie die Kandidaten</translation>
    </message>
    <message>
        <source>Finding the best frames…</source>
        <translation>Die besten Bilder werden gesucht…</translation>
    </message>
    <message>
        <source>No candidates</source>
        <translation>Keine Kandidaten</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Cannot check the project</source>
        <translation>Das Projekt kann nicht geprüft werden</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Wird veröffentlicht…</translation>
    </message>
    <message>
        <source>Not published</source>
        <translation>Nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Published {0}</source>
        <translation>{0} veröffentlicht</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Not changed: {0}</source>
        <translation>Nicht geändert: {0}</translation>
    </message>
    <message>
        <source>Preview: {0}</source>
        <translation>Vorschau: {0}</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Add videos, photos or music (or drop files here)</source>
        <translation>Videos, Fotos oder Musik hinzufügen (oder Dateien hierher ziehen)</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Medien</translation>
    </message>
    <message>
        <source>Title of the video</source>
        <translation>Titel des Videos</translation>
    </message>
    <message>
        <source>The video&apos;s title: intro card, metadata, YouTube</source>
        <translation>Der Titel des Videos: Titeltafel, Metadaten, YouTube</translation>
    </message>
    <message>
        <source>Intro</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>Title card and end card</source>
        <translation>Titeltafel und Abschlusstafel</translation>
    </message>
    <message>
        <source>Branding</source>
        <translation>Branding</translation>
    </message>
    <message>
        <source>Logo, web address, colours</source>
        <translation>Logo, Webadresse, Farben</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>Einblendungen</translation>
    </message>
    <message>
        <source>Call-to-action captions</source>
        <translation>Einblendungen mit Handlungsaufforderung</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Ton</translation>
    </message>
    <message>
        <source>Music, ducking, loudness</source>
        <translation>Musik, Absenkung, Lautheit</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>Vorschaubild</translation>
    </message>
    <message>
        <source>The picture that sells</source>
        <translation>Das Bild, das verkauft</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Size, shape and file</source>
        <translation>Größe, Format und Datei</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Page, sitemap, YouTube</source>
        <translation>Seite, Sitemap, YouTube</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>Check, render, make the thumbnail and publish (Ctrl+Enter)</source>
        <translation>Prüfen, rendern, Vorschaubild erstellen und veröffentlichen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Render</source>
        <translation>Rendern</translation>
    </message>
    <message>
        <source>Render the finished video (Ctrl+R)</source>
        <translation>Das fertige Video rendern (Strg+R)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Import media…</source>
        <translation>Medien &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Play / Pause</source>
        <translation>Abspielen / Pause</translation>
    </message>
    <message>
        <source>Set In at playhead</source>
        <translation>Anfang an der Abspielposition setzen</translation>
    </message>
    <message>
        <source>Set Out at playhead</source>
        <translation>Ende an der Abspielposition setzen</translation>
    </message>
    <message>
        <source>&amp;Render</source>
        <translation>&amp;Rendern</translation>
    </message>
    <message>
        <source>&amp;Quick preview</source>
        <translation>&amp;Schnellvorschau</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Veröffentlichen…</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>Aufgabe abbrechen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Video</source>
        <translation>&amp;Video</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>The language changes the next time ShopReel starts.</source>
        <translation>Die Sprache wechselt beim nächsten Start von ShopReel.</translation>
    </message>
    <message>
        <source>{0}[*] — ShopReel</source>
        <translation>{0}[*] — ShopReel</translation>
    </message>
    <message>
        <source>Change title</source>
        <translation>Titel ändern</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>Das Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>{0} geöffnet</translation>
    </message>
    <message>
        <source>{0} clip(s) missing: double-click them in the media bin to find them again</source>
        <translation>{0} Clip(s) fehlen: Doppelklicken Sie sie in den Medien, um sie wiederzufinden</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>The project was not saved</source>
        <translation>Das Projekt wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to {0}?</source>
        <translation>Änderungen an {0} speichern?</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Ungespeicherte Änderungen wiederherstellen?</translation>
    </message>
    <message>
        <source>ShopReel was closed without saving. Recover the unsaved changes?</source>
        <translation>ShopReel wurde ohne Speichern beendet. Die ungespeicherten Änderungen wiederherstellen?</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>Wiederherstellen nicht möglich</translation>
    </message>
    <message>
        <source>Recovered unsaved changes; save them to keep them.</source>
        <translation>Ungespeicherte Änderungen wiederhergestellt; speichern Sie, um sie zu behalten.</translation>
    </message>
    <message>
        <source>Import media</source>
        <translation>Medien importieren</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{0}: not a video, photo or sound file</source>
        <translation>{0}: kein Video, Foto und keine Tondatei</translation>
    </message>
    <message>
        <source>Import {0} clip(s)</source>
        <translation>{0} Clip(s) importieren</translation>
    </message>
    <message>
        <source>Set music</source>
        <translation>Musik festlegen</translation>
    </message>
    <message>
        <source>Some files were not added</source>
        <translation>Einige Dateien wurden nicht hinzugefügt</translation>
    </message>
    <message>
        <source>ShopReel takes videos (MP4, MOV, MKV, WebM), photos (JPG, PNG, WebP) and music (MP3, M4A, WAV).</source>
        <translation>ShopReel nimmt Videos (MP4, MOV, MKV, WebM), Fotos (JPG, PNG, WebP) und Musik (MP3, M4A, WAV).</translation>
    </message>
    <message>
        <source>Added {0} clip(s)</source>
        <translation>{0} Clip(s) hinzugefügt</translation>
    </message>
    <message>
        <source>Add clip</source>
        <translation>Clip hinzufügen</translation>
    </message>
    <message>
        <source>Reorder clips</source>
        <translation>Clips umordnen</translation>
    </message>
    <message>
        <source>Where is {0}?</source>
        <translation>Wo ist {0}?</translation>
    </message>
    <message>
        <source>Relink {0}</source>
        <translation>{0} neu verknüpfen</translation>
    </message>
</context>
<context>
    <name>MediaBin</name>
    <message>
        <source>Your clips and photos. Drop files here, or use Import. Double-click to add a clip to the storyboard again.</source>
        <translation>Ihre Clips und Fotos. Ziehen Sie Dateien hierher oder nutzen Sie Importieren. Doppelklick fügt einen Clip erneut ins Storyboard ein.</translation>
    </message>
    <message>
        <source>{0}
missing</source>
        <translation>{0}
fehlt</translation>
    </message>
    <message>
        <source>{0} is missing. Double-click to find it again (relink).</source>
        <translation>{0} fehlt. Doppelklicken, um die Datei wiederzufinden (neu verknüpfen).</translation>
    </message>
</context>
<context>
    <name>OutputPanel</name>
    <message>
        <source>Preset</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>Size and encoding of the video</source>
        <translation>Größe und Kodierung des Videos</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>How clips of another shape fill the picture</source>
        <translation>Wie Clips mit anderem Seitenverhältnis das Bild füllen</translation>
    </message>
    <message>
        <source>Blurred background</source>
        <translation>Unscharfer Hintergrund</translation>
    </message>
    <message>
        <source>Bars (brand colour)</source>
        <translation>Balken (Markenfarbe)</translation>
    </message>
    <message>
        <source>Fill and cut</source>
        <translation>Füllen und beschneiden</translation>
    </message>
    <message>
        <source>Video file</source>
        <translation>Videodatei</translation>
    </message>
    <message>
        <source>Where the video is written (empty: beside the project)</source>
        <translation>Wohin das Video geschrieben wird (leer: neben das Projekt)</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>Eigene Größe</translation>
    </message>
    <message>
        <source>WIDTHxHEIGHT instead of the preset&apos;s size (empty: the preset&apos;s)</source>
        <translation>BREITExHÖHE statt der Größe der Vorgabe (leer: die der Vorgabe)</translation>
    </message>
    <message>
        <source>Encoder speed</source>
        <translation>Kodiergeschwindigkeit</translation>
    </message>
    <message>
        <source>Slower makes smaller files of the same quality</source>
        <translation>Langsamer ergibt kleinere Dateien gleicher Qualität</translation>
    </message>
    <message>
        <source>preset default</source>
        <translation>Vorgabe der Voreinstellung</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Bildrate</translation>
    </message>
    <message>
        <source>Frames per second of the video (empty: the preset&apos;s)</source>
        <translation>Bilder pro Sekunde des Videos (leer: die der Vorgabe)</translation>
    </message>
    <message>
        <source>Quality (CRF)</source>
        <translation>Qualität (CRF)</translation>
    </message>
    <message>
        <source>Lower is better quality and a bigger file; 18-28 is usual (empty: the preset&apos;s)</source>
        <translation>Niedriger ergibt bessere Qualität und eine größere Datei; üblich sind 18–28 (leer: die der Vorgabe)</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>Seconds from the start of the video</source>
        <translation>Sekunden ab dem Anfang des Videos</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Choose the colour</source>
        <translation>Farbe wählen</translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <source>Qt Multimedia needs the system library {0} (the PulseAudio client; on Debian and Ubuntu: apt install libpulse0)</source>
        <translation>Qt Multimedia braucht die Systembibliothek {0} (den PulseAudio-Client; unter Debian und Ubuntu: apt install libpulse0)</translation>
    </message>
    <message>
        <source>Qt Multimedia is not installed ({0}); reinstall ShopReel</source>
        <translation>Qt Multimedia ist nicht installiert ({0}); installieren Sie ShopReel neu</translation>
    </message>
    <message>
        <source>this computer has no sound output</source>
        <translation>dieser Computer hat keine Tonausgabe</translation>
    </message>
</context>
<context>
    <name>Positions</name>
    <message>
        <source>top left</source>
        <translation>oben links</translation>
    </message>
    <message>
        <source>top centre</source>
        <translation>oben Mitte</translation>
    </message>
    <message>
        <source>top right</source>
        <translation>oben rechts</translation>
    </message>
    <message>
        <source>centre left</source>
        <translation>Mitte links</translation>
    </message>
    <message>
        <source>centre</source>
        <translation>Mitte</translation>
    </message>
    <message>
        <source>centre right</source>
        <translation>Mitte rechts</translation>
    </message>
    <message>
        <source>bottom left</source>
        <translation>unten links</translation>
    </message>
    <message>
        <source>bottom centre</source>
        <translation>unten Mitte</translation>
    </message>
    <message>
        <source>bottom right</source>
        <translation>unten rechts</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Import clips to see the preview</source>
        <translation>Importieren Sie Clips, um die Vorschau zu sehen</translation>
    </message>
    <message>
        <source>The finished video at the playhead: intro, logo, web address and captions exactly as they will be rendered</source>
        <translation>Das fertige Video an der Abspielposition: Intro, Logo, Webadresse und Einblendungen genau so, wie sie gerendert werden</translation>
    </message>
    <message>
        <source>The playhead: drag to move through the video</source>
        <translation>Die Abspielposition: ziehen, um sich durch das Video zu bewegen</translation>
    </message>
    <message>
        <source>Playhead / length of the finished video</source>
        <translation>Abspielposition / Länge des fertigen Videos</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Abspielen oder anhalten (Leertaste)</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Ton</translation>
    </message>
    <message>
        <source>Sound on or off while playing</source>
        <translation>Ton beim Abspielen ein oder aus</translation>
    </message>
    <message>
        <source>Quick preview</source>
        <translation>Schnellvorschau</translation>
    </message>
    <message>
        <source>Render the whole video small and fast in the background, then play it</source>
        <translation>Das ganze Video klein und schnell im Hintergrund rendern und dann abspielen</translation>
    </message>
    <message>
        <source>No preview: {0}</source>
        <translation>Keine Vorschau: {0}</translation>
    </message>
    <message>
        <source>Playback has no sound: {0}</source>
        <translation>Die Wiedergabe hat keinen Ton: {0}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Recovered changes</source>
        <translation>Wiederhergestellte Änderungen</translation>
    </message>
</context>
<context>
    <name>PublishPanel</name>
    <message>
        <source>Product page</source>
        <translation>Produktseite</translation>
    </message>
    <message>
        <source>The page the video is shown on (for the sitemap)</source>
        <translation>Die Seite, auf der das Video gezeigt wird (für die Sitemap)</translation>
    </message>
    <message>
        <source>Video URL</source>
        <translation>Video-URL</translation>
    </message>
    <message>
        <source>Where the video file will be online</source>
        <translation>Wo die Videodatei online liegen wird</translation>
    </message>
    <message>
        <source>Thumbnail URL</source>
        <translation>Vorschaubild-URL</translation>
    </message>
    <message>
        <source>Where the thumbnail will be online</source>
        <translation>Wo das Vorschaubild online liegen wird</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>One or two sentences about the product, for search engines</source>
        <translation>Ein oder zwei Sätze über das Produkt, für Suchmaschinen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Keywords, separated by commas</source>
        <translation>Schlagwörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Family friendly</source>
        <translation>Familienfreundlich</translation>
    </message>
    <message>
        <source>Safe for all ages (told to search engines)</source>
        <translation>Für alle Altersgruppen geeignet (wird Suchmaschinen mitgeteilt)</translation>
    </message>
    <message>
        <source>Sitemap file</source>
        <translation>Sitemap-Datei</translation>
    </message>
    <message>
        <source>The video sitemap to add the video to (created if missing)</source>
        <translation>Die Video-Sitemap, in die das Video eingetragen wird (wird bei Bedarf angelegt)</translation>
    </message>
    <message>
        <source>Upload to YouTube</source>
        <translation>Auf YouTube hochladen</translation>
    </message>
    <message>
        <source>Upload the video when publishing</source>
        <translation>Das Video beim Veröffentlichen hochladen</translation>
    </message>
    <message>
        <source>Visibility</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <source>Who can see the video on YouTube</source>
        <translation>Wer das Video auf YouTube sehen kann</translation>
    </message>
    <message>
        <source>Unlisted</source>
        <translation>Nicht gelistet</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privat</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Öffentlich</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>YouTube category number (22: People &amp; Blogs)</source>
        <translation>YouTube-Kategorienummer (22: Menschen &amp; Blogs)</translation>
    </message>
    <message>
        <source>Made for kids</source>
        <translation>Speziell für Kinder</translation>
    </message>
    <message>
        <source>Required by YouTube: is the video made for children?</source>
        <translation>Von YouTube verlangt: Ist das Video speziell für Kinder?</translation>
    </message>
    <message>
        <source>Playlist</source>
        <translation>Playlist</translation>
    </message>
    <message>
        <source>Add the video to this playlist (its ID)</source>
        <translation>Das Video dieser Playlist hinzufügen (ihre ID)</translation>
    </message>
    <message>
        <source>Sign in to YouTube…</source>
        <translation>Bei YouTube anmelden…</translation>
    </message>
    <message>
        <source>Allow ShopReel to upload to your channel (opens the browser)</source>
        <translation>ShopReel erlauben, auf Ihren Kanal hochzuladen (öffnet den Browser)</translation>
    </message>
    <message>
        <source>YouTube sign-in is not available in this version; use `shopreel youtube login`.</source>
        <translation>Die YouTube-Anmeldung ist in dieser Version nicht verfügbar; nutzen Sie `shopreel youtube login`.</translation>
    </message>
    <message>
        <source>Sign-in failed: {0}</source>
        <translation>Anmeldung fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Angemeldet.</translation>
    </message>
</context>
<context>
    <name>RangeSlider</name>
    <message>
        <source>Trim range</source>
        <translation>Schnittbereich</translation>
    </message>
    <message>
        <source>in</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <source>out</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Drag the handles to set where the clip starts and ends (now {0} to {1}). Arrow keys move the {2} handle by one frame, Shift+arrow by one second; Tab switches handles.</source>
        <translation>Ziehen Sie die Griffe, um festzulegen, wo der Clip beginnt und endet (jetzt {0} bis {1}). Die Pfeiltasten verschieben den Griff „{2}“ um ein Bild, Umschalt+Pfeil um eine Sekunde; Tab wechselt den Griff.</translation>
    </message>
</context>
<context>
    <name>SoundPanel</name>
    <message>
        <source>Music</source>
        <translation>Musik</translation>
    </message>
    <message>
        <source>Background music, looped or cut to length, faded in and out</source>
        <translation>Hintergrundmusik, wiederholt oder gekürzt, ein- und ausgeblendet</translation>
    </message>
    <message>
        <source>Music level</source>
        <translation>Musikpegel</translation>
    </message>
    <message>
        <source>How loud the music is (0 dB = as recorded)</source>
        <translation>Wie laut die Musik ist (0 dB = wie aufgenommen)</translation>
    </message>
    <message>
        <source>Lower the music while clips have sound (ducking)</source>
        <translation>Musik absenken, während Clips Ton haben (Ducking)</translation>
    </message>
    <message>
        <source>The music dips whenever the clips&apos; own sound plays</source>
        <translation>Die Musik wird leiser, sobald der eigene Ton der Clips läuft</translation>
    </message>
    <message>
        <source>Even out the clips&apos; levels</source>
        <translation>Pegel der Clips angleichen</translation>
    </message>
    <message>
        <source>Bring every clip to a common level; off keeps them as filmed</source>
        <translation>Alle Clips auf einen gemeinsamen Pegel bringen; aus lässt sie wie gefilmt</translation>
    </message>
    <message>
        <source>Loudness target</source>
        <translation>Ziellautheit</translation>
    </message>
    <message>
        <source>-14 LUFS for the web, -23 LUFS for broadcast; empty: the preset&apos;s</source>
        <translation>-14 LUFS fürs Web, -23 LUFS für Rundfunk; leer: die der Vorgabe</translation>
    </message>
    <message>
        <source>preset default</source>
        <translation>Vorgabe der Voreinstellung</translation>
    </message>
    <message>
        <source>Peak limit</source>
        <translation>Spitzenpegel-Grenze</translation>
    </message>
    <message>
        <source>The highest peak allowed</source>
        <translation>Der höchste erlaubte Spitzenpegel</translation>
    </message>
</context>
<context>
    <name>Storyboard</name>
    <message>
        <source>The clips in the order they play. Drag to reorder; select one to trim it (I and O set in and out at the playhead).</source>
        <translation>Die Clips in der Reihenfolge, in der sie laufen. Ziehen zum Umordnen; einen auswählen, um ihn zu kürzen (I und O setzen Anfang und Ende an der Abspielposition).</translation>
    </message>
    <message>
        <source>{0} is missing</source>
        <translation>{0} fehlt</translation>
    </message>
</context>
<context>
    <name>ThumbnailPanel</name>
    <message>
        <source>Which frame the thumbnail shows</source>
        <translation>Welches Bild das Vorschaubild zeigt</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Use the frame at the playhead</source>
        <translation>Bild an der Abspielposition verwenden</translation>
    </message>
    <message>
        <source>The thumbnail shows the frame the preview shows now</source>
        <translation>Das Vorschaubild zeigt das Bild, das die Vorschau gerade zeigt</translation>
    </message>
    <message>
        <source>Auto (best frame)</source>
        <translation>Automatisch (bestes Bild)</translation>
    </message>
    <message>
        <source>ShopReel picks the sharpest, most colourful frame</source>
        <translation>ShopReel wählt das schärfste, farbigste Bild</translation>
    </message>
    <message>
        <source>Thumbnail: auto</source>
        <translation>Vorschaubild: automatisch</translation>
    </message>
    <message>
        <source>Title on the thumbnail</source>
        <translation>Titel auf dem Vorschaubild</translation>
    </message>
    <message>
        <source>A few words drawn on the thumbnail (empty: none)</source>
        <translation>Ein paar Worte auf dem Vorschaubild (leer: keine)</translation>
    </message>
    <message>
        <source>Add the logo</source>
        <translation>Logo hinzufügen</translation>
    </message>
    <message>
        <source>Put the brand logo on the thumbnail</source>
        <translation>Das Markenlogo auf das Vorschaubild setzen</translation>
    </message>
    <message>
        <source>Find candidates</source>
        <translation>Kandidaten suchen</translation>
    </message>
    <message>
        <source>Rank frames of the rendered video; click one to use it</source>
        <translation>Bilder des gerenderten Videos bewerten; eines anklicken, um es zu verwenden</translation>
    </message>
    <message>
        <source>The best frames, best first: click to use one</source>
        <translation>Die besten Bilder, das beste zuerst: anklicken, um eines zu verwenden</translation>
    </message>
    <message>
        <source>Thumbnail at the playhead</source>
        <translation>Vorschaubild an der Abspielposition</translation>
    </message>
    <message>
        <source>Score {0:.2f}</source>
        <translation>Bewertung {0:.2f}</translation>
    </message>
    <message>
        <source>Thumbnail candidate</source>
        <translation>Vorschaubild-Kandidat</translation>
    </message>
</context>
<context>
    <name>TrimBar</name>
    <message>
        <source>In</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <source>Where the clip starts (seconds of the source); I sets it at the playhead</source>
        <translation>Wo der Clip beginnt (Sekunden der Quelle); I setzt ihn an der Abspielposition</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Where the clip ends (seconds of the source); O sets it at the playhead</source>
        <translation>Wo der Clip endet (Sekunden der Quelle); O setzt es an der Abspielposition</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>How long the photo is shown</source>
        <translation>Wie lange das Foto gezeigt wird</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>Leave out this clip&apos;s own sound</source>
        <translation>Den eigenen Ton dieses Clips weglassen</translation>
    </message>
    <message>
        <source>Mute clip</source>
        <translation>Clip stummschalten</translation>
    </message>
    <message>
        <source>Move the clip earlier</source>
        <translation>Clip nach vorn verschieben</translation>
    </message>
    <message>
        <source>Move the clip later</source>
        <translation>Clip nach hinten verschieben</translation>
    </message>
    <message>
        <source>Remove clip</source>
        <translation>Clip entfernen</translation>
    </message>
    <message>
        <source>Take the clip out of the video (the file stays)</source>
        <translation>Den Clip aus dem Video nehmen (die Datei bleibt)</translation>
    </message>
    <message>
        <source>No clip selected</source>
        <translation>Kein Clip ausgewählt</translation>
    </message>
    <message>
        <source>Trim clip</source>
        <translation>Clip kürzen</translation>
    </message>
    <message>
        <source>Move clip</source>
        <translation>Clip verschieben</translation>
    </message>
</context>
</TS>
