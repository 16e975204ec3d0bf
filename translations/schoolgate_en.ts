<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>sg::BusinessCalendar</name>
    <message>
        <source>New Year holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Christmas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defender of the Fatherland Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>International Women&apos;s Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spring and Labour Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Victory Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Russia Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National Unity Day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::CsvReader</name>
    <message>
        <source>The file is larger than %1 MB and cannot be imported. Split it into several smaller files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an Excel workbook, not a CSV file. In the spreadsheet choose “Save As”, the type “CSV”, and import that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quote or a line break cannot separate the fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 contains a NUL character: this is not a text file. Save the table as CSV and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: a quoted field is not closed (the closing quote &quot; is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::JsonReader</name>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a known field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::PasswordPolicy</name>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password must have at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password is too well known. Choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password must not contain the login.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::SupportHours</name>
    <message>
        <source>Open now, until %1:00 Moscow time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed. Opens today at %1 Moscow time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed. Opens tomorrow at %1 Moscow time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed. Opens on %1 at %2 Moscow time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client</name>
    <message>
        <source>The server&apos;s answer has no &quot;%1&quot; list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret is not in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::ApiClient</name>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer within %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attached file is not a PDF, JPEG or PNG file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::MemberTableModel</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graduate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not synced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address is partly hidden to protect personal data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject / class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gosuslugi account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level of the person&apos;s account on Gosuslugi (ESIA): simplified, standard or confirmed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::proto</name>
    <message>
        <source>has an unknown value &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an ISO 8601 date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must have at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the order must be a PDF, JPEG or PNG file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::proto::DirectorSubmission</name>
    <message>
        <source>must be &quot;initial&quot; or &quot;change&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a change of director needs the order («Приказ») attached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server</name>
    <message>
        <source>Wrong login or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body must be application/json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body is not valid JSON: %1 at offset %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This method is not allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server::AccountStore</name>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n minute(s), or restore the password through support.</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n minute, or restore the password through support.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n minutes, or restore the password through support.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sg::server::AdminCommands</name>
    <message>
        <source>The header has no column &quot;%1&quot;. Expected columns: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name: the full name of the organisation is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email: &quot;%1&quot; is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A school with the INN %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fields instead of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>school %1 created, account %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no school with the INN %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role: &quot;%1&quot; is neither teacher nor student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>surname and name are required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email: &quot;%1&quot; is not an e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class: &quot;%1&quot; is not a class such as 5А</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists: choose a new file name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server::ApiService</name>
    <message>
        <source>The current password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role: must be &quot;teacher&quot; or &quot;student&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers see only the students of their classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not confirm people in this school.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the director first: until then nobody can be confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items: the batch is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items: at most %1 decisions per batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the school sends reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must have at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the school and the support operator see reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the school moves whole grades to graduates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a grade from 1 to 11.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grades: name at least one grade.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server::Authorizer</name>
    <message>
        <source>There is no such resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first: the session is missing or has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password before you continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school has not confirmed you as a teacher yet. Once it does, you can confirm the students of your classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the support operator may do this.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server::DirectorApi</name>
    <message>
        <source>Only the school and the support operator see the director&apos;s status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the school gives this consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the school sends the director&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the school sees its notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status: must be submitted, confirmed or rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &quot;approve&quot; or &quot;reject&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server::DirectorStore</name>
    <message>
        <source>The consent text has changed (current version %1). Read it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give consent to personal-data processing first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inn: the INN %1 is not the INN of your organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change of director is possible once a director is confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change of director is already being reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director&apos;s data is already being reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director is already confirmed. To replace the director, send a change with the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was changed meanwhile (now: %1). Reload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason: a rejection needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server::SchoolStore</name>
    <message>
        <source>The idempotency key %1 was already used for a different decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not decide on this person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rejection needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person is no longer current in the school.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person was changed by someone else. Review the current state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key %1 appears twice in the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no new decisions to report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no unreported decision on this person to take back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ClientApp</name>
    <message>
        <source>Wrong login or password. Check the e-mail your organisation received, or call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not answer. Check the address and the network. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in server cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one-time password must be replaced before you can work. Sign in again when ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::DialogPrompter</name>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Why are you rejecting %n person(s)? The reason is shown to them and in the report.</source>
        <translation>
            <numerusform>Why are you rejecting %n person? The reason is shown to them and in the report.</numerusform>
            <numerusform>Why are you rejecting %n people? The reason is shown to them and in the report.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a reason: a rejection without one is not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed in with a one-time password from the e-mail. Choose your own password: at least 12 characters; a phrase of several words is easy to remember and hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::LoginWindow</name>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address, for example https://schoolgate.example.ru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the login from the e-mail your organisation received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SchoolGate — sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cabinet of the educational organisation: confirm the director, teachers and students.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (built-in server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation&apos;s server at an address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the e-mail sent to your organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login and password did not arrive at the organisation&apos;s e-mail? ☎ %1&lt;br&gt;Confirming teachers and students, for heads of organisations: ☎ %2, weekdays 8:00–18:00 Moscow time&lt;br&gt;✉ &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::MainWindow</name>
    <message>
        <source>Talking to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n decision(s).</source>
        <translation>
            <numerusform>Saved: %n decision.</numerusform>
            <numerusform>Saved: %n decisions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) were changed by someone else meanwhile: the table shows the current state.</source>
        <translation>
            <numerusform>%n person was changed by someone else meanwhile: the table shows the current state.</numerusform>
            <numerusform>%n people were changed by someone else meanwhile: the table shows the current state.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) were not accepted.</source>
        <translation>
            <numerusform>%n decision was not accepted.</numerusform>
            <numerusform>%n decisions were not accepted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Report No. %1 sent: %n decision(s).</source>
        <translation>
            <numerusform>Report No. %1 sent: %n decision.</numerusform>
            <numerusform>Report No. %1 sent: %n decisions.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Approve %n people at once?</source>
        <translation>
            <numerusform>Approve %n person at once?</numerusform>
            <numerusform>Approve %n people at once?</numerusform>
        </translation>
    </message>
    <message>
        <source>INN %1 · signed in as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Director confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director not confirmed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not yet reported. Send a report after each round of decisions.</source>
        <translation>
            <numerusform>%n decision not yet reported. Send a report after each round of decisions.</numerusform>
            <numerusform>%n decisions not yet reported. Send a report after each round of decisions.</numerusform>
        </translation>
    </message>
    <message>
        <source>All decisions are reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send report (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirming people is locked until the director of the organisation is confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can confirm students once the school has confirmed you as a teacher.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SchoolGate — cabinet of the educational organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::MemberPanel</name>
    <message>
        <source>Approve (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n shown</numerusform>
            <numerusform>%n shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Search by name or subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name or class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the selected people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the selected people (a reason is required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::validators</name>
    <message>
        <source>Invisible character %1 at position %2 is not a digit or a Latin letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invisible character %1 at position %2 is not a digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Character “%1” at position %2 is a Cyrillic letter; use a Latin letter or a digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Character “%1” at position %2 is not a digit or a Latin letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Character “%1” at position %2 is not a digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The INN is invalid: the %1th digit (check digit) should be %2, not %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An organisation’s INN has 10 digits; this one has 12 digits and looks like a person’s INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The INN has %n digit(s), but an organisation’s INN must have 10 digits</source>
        <translation>
            <numerusform>The INN has %n digit, but an organisation’s INN must have 10 digits</numerusform>
            <numerusform>The INN has %n digits, but an organisation’s INN must have 10 digits</numerusform>
        </translation>
    </message>
    <message>
        <source>A person’s INN has 12 digits; this one has 10 digits and looks like an organisation’s INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The INN has %n digit(s), but a person’s INN must have 12 digits</source>
        <translation>
            <numerusform>The INN has %n digit, but a person’s INN must have 12 digits</numerusform>
            <numerusform>The INN has %n digits, but a person’s INN must have 12 digits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The INN has %n digit(s), but it must have 10 digits (organisation) or 12 digits (person)</source>
        <translation>
            <numerusform>The INN has %n digit, but it must have 10 digits (organisation) or 12 digits (person)</numerusform>
            <numerusform>The INN has %n digits, but it must have 10 digits (organisation) or 12 digits (person)</numerusform>
        </translation>
    </message>
    <message>
        <source>The INN cannot start with 00: there is no region with code 00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the KPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The KPP has %n character(s), but it must have 9</source>
        <translation>
            <numerusform>The KPP has %n character, but it must have 9</numerusform>
            <numerusform>The KPP has %n characters, but it must have 9</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the OGRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OGRN has 15 digits, but it must have 13 digits; 15 digits is the length of an OGRNIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The OGRN has %n digit(s), but it must have 13 digits</source>
        <translation>
            <numerusform>The OGRN has %n digit, but it must have 13 digits</numerusform>
            <numerusform>The OGRN has %n digits, but it must have 13 digits</numerusform>
        </translation>
    </message>
    <message>
        <source>The OGRN is invalid: the 13th digit (check digit) should be %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the OGRNIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OGRNIP has 13 digits, but it must have 15 digits; 13 digits is the length of an OGRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The OGRNIP has %n digit(s), but it must have 15 digits</source>
        <translation>
            <numerusform>The OGRNIP has %n digit, but it must have 15 digits</numerusform>
            <numerusform>The OGRNIP has %n digits, but it must have 15 digits</numerusform>
        </translation>
    </message>
    <message>
        <source>The OGRNIP is invalid: the 15th digit (check digit) should be %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the SNILS</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The SNILS has %n digit(s), but it must have 11 digits</source>
        <translation>
            <numerusform>The SNILS has %n digit, but it must have 11 digits</numerusform>
            <numerusform>The SNILS has %n digits, but it must have 11 digits</numerusform>
        </translation>
    </message>
    <message>
        <source>The SNILS is invalid: the check number (the last two digits) should be %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
