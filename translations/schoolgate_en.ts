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
    <message>
        <source>Line %1 holds a broken character (half of a UTF-16 pair): the file is damaged. Save the table as CSV UTF-8 and try again.</source>
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
        <source>The password must not contain the login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password is easy to guess: it is a common password, a keyboard pattern, a repetition or common words with digits. Add a word or two that do not usually go together; a phrase of several words is easy to remember and hard to guess.</source>
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
    <message>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>school: must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members[%1]: must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted (%1). Its SHA-256 fingerprint is %2. If your administrator gave you this fingerprint, enter it under the server address in the sign-in window; otherwise do not sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enabled: must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::DirectorRequestModel</name>
    <message>
        <source>Change of director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue: the school was promised an answer by this date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school is promised an answer within 2 business days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::EsiaSignIn</name>
    <message>
        <source>The sign-in through Gosuslugi took too long and was stopped. Start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SchoolGate cannot receive the answer of Gosuslugi: no local port could be opened on 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SchoolGate has received the answer of Gosuslugi. You can close this page and return to SchoolGate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web browser could not be opened. Check that this computer has a default browser, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in through Gosuslugi was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An answer that does not belong to this sign-in arrived at SchoolGate, so it was refused and nobody was signed in. Start the sign-in through Gosuslugi again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role needs a confirmed Gosuslugi account. Confirm it, then sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled on Gosuslugi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in through Gosuslugi was refused (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gosuslugi sent SchoolGate no sign-in code. Start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not finish the sign-in (HTTP %1). Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the sign-in through Gosuslugi: %1 Start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer names two different sessions.</source>
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
    <message>
        <source>%1 — changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::OperatorSession</name>
    <message>
        <source>A rejection needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::ReportHistoryModel</name>
    <message>
        <source>Report number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the report was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who sent the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers approved in this report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers rejected in this report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students approved in this report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students rejected in this report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All decisions in the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::ReportLinesModel</name>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
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
        <source>Taken back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::SchoolSession</name>
    <message>
        <source>This computer keeps no offline copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is already on its way to the server and can no longer be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::SignInProfile</name>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::client::SyncEngine</name>
    <message>
        <source>The queued report was made without a preview. Check the preview and send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A decision in the queued report met a change by someone else, so the report was not sent. Check the new preview and send it again.</source>
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
    <message>
        <source>a snapshot holds at most %1 decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be [person id, version]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names a person already in the snapshot</source>
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
    <message>
        <source>is not a surname: letters, spaces and hyphens only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a first name: letters, spaces and hyphens only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a patronymic: letters, spaces and hyphens only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a telephone number: 10 to 15 digits, with + ( ) - and spaces</source>
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
    <message>
        <source>The body names &quot;%1&quot; twice in one object.</source>
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
    <message>
        <source>There is no account %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The surname and the name are required, each at most 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth is not a real past date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n second(s), or restore the password through support.</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n second, or restore the password through support.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n seconds, or restore the password through support.</numerusform>
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
    <message>
        <source>The server keeps its data in PostgreSQL: back it up with pg_dump (or the cluster&apos;s own backups). This command copies the SQLite database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name or subject is longer than a name can be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class: &quot;%1&quot; is not a class such as 5А (or leave it empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches %1 people already in the school (%2 %3): give each an e-mail in the file to tell them apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same person as row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 updated: %3</source>
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
    <message>
        <source>since: give the sync position once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since: not a sync position this server issued. Synchronise again from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit: must be a whole number from 1 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>.key: the same key appears twice in the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server lets people in through Gosuslugi only: use «Войти через Госуслуги».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such school.</source>
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
    <name>sg::server::EsiaBroker</name>
    <message>
        <source>The ESIA development key %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ESIA development key %1 is damaged: delete it to make a new one, and register the new public key with the test stand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ESIA development key cannot be written to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is not linked to a Gosuslugi account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::server::MemberAccounts</name>
    <message>
        <source>There is no account %1 of an approved teacher or student (links are sent to the accounts that an approval made).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is disabled: its person is not approved now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person behind %1 has no e-mail address to send the link to.</source>
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
        <source>There are no new decisions to report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no unreported decision on this person to take back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sync position is unknown to the server. Synchronise again from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key was already used for a report with other decisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the report preview and send the decisions it shows (this program is too old to send them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decisions to report changed after the preview was made. Check the new preview and send again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::AboutDialog</name>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About SchoolGate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cabinet of an educational organisation: confirm the director, teachers and students, and send the reports.&lt;br&gt;Licence: GNU GPL version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support: ☎ %1 (weekdays 8:00–18:00 Moscow time), ✉ %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ApplicationsDialog</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has applied yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications to schools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>school, name or e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail not confirmed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed by the school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer at the school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n application(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applications could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::BusyIndicator</name>
    <message>
        <source>Talking to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation in progress</source>
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
    <message>
        <source>Signing in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remembered password is no longer in the keychain. Enter it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the profile “%1” and its remembered password on this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be saved in the system keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else&apos;s computer: nothing is kept on this computer, so work needs the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline copy on this computer cannot be opened (%1); working online only. It is kept as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of this computer&apos;s offline copy is missing from the keychain. The copy is kept; sign in again once the keychain is back. Working online meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) or report(s) have not reached the server yet. Signing out deletes this computer&apos;s copy, and them with it. Sign out anyway?</source>
        <translation>
            <numerusform>%n decision or report has not reached the server yet. Signing out deletes this computer&apos;s copy, and it with it. Sign out anyway?</numerusform>
            <numerusform>%n decisions or reports have not reached the server yet. Signing out deletes this computer&apos;s copy, and them with it. Sign out anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>The system keychain does not answer: nothing is kept on this computer this time, so work needs the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server accepts sign-in only through Gosuslugi: press “Sign in with Gosuslugi”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account still has the one-time password from the e-mail. Sign in once with the login and that password to choose your own; after that, Gosuslugi works too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to confirm a Gosuslugi account: enter your passport and SNILS in your Gosuslugi profile and wait for them to be checked, then confirm your identity at a service centre (МФЦ), through your bank&apos;s online service or with an electronic signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in through Gosuslugi needs an account on the Gosuslugi portal.

• A student: a simplified account is enough (name, e-mail or mobile phone and a password).
• A parent, director, deputy head or administrator, teacher or class teacher: the account must be confirmed. After the simplified registration, enter your passport and SNILS in your Gosuslugi profile; once they are checked, confirm your identity at a service centre (МФЦ), through your bank&apos;s online service or with an electronic signature.

Then press “Sign in with Gosuslugi” here. The first time, SchoolGate asks once for its own login and password to link the two accounts.

Open the Gosuslugi registration page in the web browser?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Gosuslugi account?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web browser could not be opened. The registration page is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer keeps a copy of the account: you can work with it until the server is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offline copy on this computer cannot be opened without the server: the file that checks its password is damaged (%1). The copy is kept; sign in when the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The copy of this account on this computer was deleted: its data was last synced at %1, longer ago than the server allows for personal data (%n day(s)). Sign in when the server can be reached.</source>
        <translation>
            <numerusform>The copy of this account on this computer was deleted: its data was last synced at %1, longer ago than the server allows for personal data (%n day). Sign in when the server can be reached.</numerusform>
            <numerusform>The copy of this account on this computer was deleted: its data was last synced at %1, longer ago than the server allows for personal data (%n days). Sign in when the server can be reached.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer keeps no copy of this account that opens with a password. Sign in when the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password for the copy on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords: the next attempt is possible at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy on this computer cannot be opened (%1). It is kept; sign in when the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is back: you are signed in again, and what was decided on this computer is being sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is back but did not accept the password entered offline (%1). Enter your current password: the decisions made offline stay on this computer and are sent once you are signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working offline: data as of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in with the copy on this computer: the server has not been reached since. Decisions are kept here and sent when it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available: nothing is kept on this computer, so work needs the connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ConfirmationChart</name>
    <message>
        <source>%1: %2 approved, %3 rejected, %4 pending, %5 other (of %6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No people loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decided</source>
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
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ConflictsDialog</name>
    <message>
        <source>Decisions that need your attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicting decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts are left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>«%1»</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>Before the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by, when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or several rows (Shift or Ctrl with the arrows, Ctrl+A for all), then choose what to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop your decision for the selected people: what the server has stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pply my decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send your decision again for the selected people, on their current state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>support operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone else (not known)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
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
        <source>There is nothing to take back: the decision is in a report already, or was taken back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept this decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Your decision: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While it waited on this computer, %1 changed this person: %2 → %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their reason: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While it waited on this computer, someone else changed this person; now: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While these decisions waited on this computer, someone else changed the same people. Nothing was overwritten. Select one or several rows and choose: keep what the server has, or apply your decision on the current state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to see what happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It cannot be sent again as it is; “Keep as it is” removes it from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Keep as it is” drops your decision; “Apply my decision” sends it again on the current state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) selected: the buttons act on all of them.</source>
        <translation>
            <numerusform>%n conflict selected: the buttons act on it.</numerusform>
            <numerusform>%n conflicts selected: the buttons act on all of them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ConsentDialog</name>
    <message>
        <source>Consent to personal data processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before the director&apos;s data can be sent, the organisation must consent to the processing of personal data. Read the text to the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version of the text: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have read the consent text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available after you tick “I have read the consent text”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::DashboardPanel</name>
    <message>
        <source>Teachers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students by class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press Enter to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director is not confirmed yet: teachers and students can be confirmed only after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not reported yet. Send a report.</source>
        <translation>
            <numerusform>%n decision not reported yet. Send a report.</numerusform>
            <numerusform>%n decisions not reported yet. Send a report.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n teacher(s) wait for a decision</source>
        <translation>
            <numerusform>%n teacher waits for a decision</numerusform>
            <numerusform>%n teachers wait for a decision</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n student(s) wait for a decision</source>
        <translation>
            <numerusform>%1: %n student waits for a decision</numerusform>
            <numerusform>%1: %n students wait for a decision</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing needs attention: every decision is made and reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far confirmation has gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not reported yet: the school includes them in its next report.</source>
        <translation>
            <numerusform>%n decision not reported yet: the school includes it in its next report.</numerusform>
            <numerusform>%n decisions not reported yet: the school includes them in its next report.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the lists of teachers and students…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachers and students can apply to the school themselves: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where teachers and students apply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give this address to teachers and students: they apply, confirm their e-mail, and wait in the lists of people to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the address</source>
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
    <message>
        <source>Common reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a common reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not work at this school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not study at this school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name, class or subject is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same person applied twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason, in a few words (Ctrl+Enter rejects)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::DirectorFormDialog</name>
    <message>
        <source>The e-mail address is incomplete: it needs a domain such as school.ru after “@”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An e-mail address needs “@”, for example director@school.ru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>surname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between field names in a list</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To send, fill in: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach the order on the change of director.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order on the change of director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order (PDF, JPEG, PNG) (*.pdf *.jpg *.jpeg *.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order is attached only to a change of director.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a folder. Choose the order file itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” cannot be opened: there is no permission to read it, or another program is using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is too large (%2). The order may be at most %3: scan it with a lower resolution or save it as PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” could not be read completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is not really a %2 file: its content is of another kind (perhaps it was renamed). The order must be a PDF, JPEG or PNG file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is not a PDF, JPEG or PNG file. Scan or save the order in one of these formats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change of director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the data of the new director and attach the order on the change of director. Support checks them within 1–2 business days and informs you by e-mail and here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the data of the director of the organisation. Support checks them within 1–2 business days and informs you by e-mail and here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Surname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Patronymic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;osition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation &amp;INN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>director@school.ru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+7 900 000-00-00 (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patronymic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the order file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF, JPEG or PNG, up to %1. You can also drag the file onto this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>surname (letters, spaces and hyphens only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first name (letters, spaces and hyphens only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patronymic (letters, spaces and hyphens only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone (10 to 15 digits)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::DirectorPanel</name>
    <message>
        <source>Or send the director&apos;s data to the support e-mail %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not forget to state the INN of the organisation: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change of director can also be sent by e-mail to %1: the subject “%2”, the order on the change of director attached, and the INN of the organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the director&apos;s status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director is not confirmed yet. Step 1 of 2: give consent to the processing of personal data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consent text has changed. Give consent again to send the director&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given. Step 2 of 2: send the director&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given on %1. Step 2 of 2: send the director&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director&apos;s data is under review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director&apos;s data is under review, expected date: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will get a notification about the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Director confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Director confirmed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change of director is under review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change of director is under review, expected date: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last change of director was rejected. Reason: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director&apos;s data was rejected. Correct the data and send them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director&apos;s data was rejected. Reason: %1. Correct the data and send them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown status of the director: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available after consent to the processing of personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notifications yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director of the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read and accept the consent to the processing of personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the director&apos;s data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change director…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director has changed: send the new director&apos;s data with the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ErrorText</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again in %1, or restore the password through support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again later, or restore the password through support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has ended: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account may not do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer has this record: refresh the lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director must be confirmed first: teachers and students are confirmed after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your teacher&apos;s account is not confirmed by the school yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set your own password first: sign in again and choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to report: every decision is already in a report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server accepts sign-in only through Gosuslugi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy. Try again in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not do this. Try again later; if it happens again, tell support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::EsiaWaitDialog</name>
    <message>
        <source>Time left: %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Gosuslugi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue signing in in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Gosuslugi sign-in page has opened in your web browser. Sign in there; SchoolGate continues by itself once you are done. If the page did not open, cancel and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel signing in with Gosuslugi</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::Exporter</name>
    <message>
        <source>The file “%1” could not be saved: %2.

Choose another folder, for example Documents, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV table for Excel or LibreOffice (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report preview: decisions not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report No. %1 on confirming teachers and students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepared on %1. This is not a sent report: it shows what the next report will hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent on %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown)</source>
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
        <source>Total</source>
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
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no decisions in this report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made with SchoolGate on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) as of %1.</source>
        <translation>
            <numerusform>%n row as of %1.</numerusform>
            <numerusform>%n rows as of %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Report No. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report preview %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the table as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the table as CSV</source>
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
    <message>
        <source>The built-in server on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rofile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this profile and its remembered password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;member the password on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept in the system keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available, so the password cannot be remembered and is asked every time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone &amp;else&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is kept on this computer: no profile, no password and no offline copy. Work needs the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate fingerprint is 64 hexadecimal digits (pairs may be separated by colons). Leave the field empty if your administrator gave you none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server certificate fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint SHA-256, if the administrator gave one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a server with its own certificate (a school network): the fingerprint your administrator gave you. Any other certificate must be trusted by this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cer&amp;tificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Gosuslugi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the Gosuslugi sign-in page in your web browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server accepts sign-in only through Gosuslugi: the login and password of SchoolGate are not used here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Gosuslugi account?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the login and the password of this account: the offline copy opens with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open the copy on this computer (data as of %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the offline copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached: work with the data kept on this computer. The password is checked here; decisions are sent when the server is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the SchoolGate letter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::MainWindow</name>
    <message numerus="yes">
        <source>Saved: %n decision(s).</source>
        <translation>
            <numerusform>Saved: %n decision.</numerusform>
            <numerusform>Saved: %n decisions.</numerusform>
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
    <message numerus="yes">
        <source>Undone: %n decision(s).</source>
        <translation>
            <numerusform>Undone: %n decision.</numerusform>
            <numerusform>Undone: %n decisions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be undone (changed meanwhile or already reported).</source>
        <translation>
            <numerusform>%n decision could not be undone (changed meanwhile or already reported).</numerusform>
            <numerusform>%n decisions could not be undone (changed meanwhile or already reported).</numerusform>
        </translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● No connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decisions are kept; try again when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the table to &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the table to &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Support…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SchoolGate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. What the server had already saved is kept; the tables are reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved on this computer: %n decision(s). Sending…</source>
        <translation>
            <numerusform>Saved on this computer: %n decision. Sending…</numerusform>
            <numerusform>Saved on this computer: %n decisions. Sending…</numerusform>
        </translation>
    </message>
    <message>
        <source>The report waits on this computer and is sent as soon as the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No connection (%1): %n item(s) wait on this computer and are sent automatically.</source>
        <translation>
            <numerusform>No connection (%1): %n item waits on this computer and is sent automatically.</numerusform>
            <numerusform>No connection (%1): %n items wait on this computer and are sent automatically.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting on this computer</source>
        <translation>
            <numerusform>%n waiting on this computer</numerusform>
            <numerusform>%n waiting on this computer</numerusform>
        </translation>
    </message>
    <message>
        <source>You can go on working: decisions are kept on this computer and sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send what waits on this computer and fetch what changed (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions that met a change by someone else: choose what to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The director&apos;s data waits on this computer and is sent as soon as the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server cannot be reached now. A report of the %n decision(s) made on this computer will wait here and be sent, after those decisions, as soon as the connection is back. If anything else has to be reported by then, nothing is sent and you will see the new preview. Queue it?</source>
        <translation>
            <numerusform>The server cannot be reached now. A report of the %n decision made on this computer will wait here and be sent, after those decisions, as soon as the connection is back. If anything else has to be reported by then, nothing is sent and you will see the new preview. Queue it?</numerusform>
            <numerusform>The server cannot be reached now. A report of the %n decisions made on this computer will wait here and be sent, after those decisions, as soon as the connection is back. If anything else has to be reported by then, nothing is sent and you will see the new preview. Queue it?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n decision(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) were changed by someone else meanwhile: choose what to keep under “Needs attention”.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) or report(s) have not reached the server yet, and this computer keeps no offline copy: closing loses them. Close anyway?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Send the &amp;report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find in the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) are not in a report yet. Send the report first («Send report»), or sign out and send it next time. Sign out now?</source>
        <translation>
            <numerusform>%n decision is not in a report yet. Send the report first («Send report»), or sign out and send it next time. Sign out now?</numerusform>
            <numerusform>%n decisions are not in a report yet. Send the report first («Send report»), or sign out and send it next time. Sign out now?</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
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
        <source>Teachers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the selected people.
In the table: Ctrl+Enter or +.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the selected people; a reason is required.
In the table: Delete or -.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the students of one class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select everyone shown with the current search and filters (Ctrl+A in the table).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back the last batch of decisions: the people return to their previous status.
Possible until the report is sent. In the table: Ctrl+Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the selected people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why deciding is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of people shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter or + approves the selected people, Delete or - rejects them, Ctrl+Z takes the last decisions back. After a decision the next pending person is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one matches the search and the filters: change or clear them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No teachers yet: they appear here when they apply or the school&apos;s administrator adds them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No students yet: they appear here when they apply or the school&apos;s administrator adds them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::OperatorWindow</name>
    <message>
        <source>The order could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (an initial confirmation needs no order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message>
        <source>Support operator · server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order is attached: an initial confirmation does not need one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be shown here. Save it or open it in a viewer to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of the app cannot show PDF files. Open the order in a viewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 file (*.%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order could not be written to a temporary file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program to show this file was found. Save the order and open it yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirming the director of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejection cancelled: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejecting the request of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed: %1 is the director of %2. The school is notified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: the request of %1 (%2). The school is notified with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else has decided on this request meanwhile, so nothing was changed. The list is reloaded to show the current state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SchoolGate — director confirmation (support)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation of directors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the list from the server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the selected person as the director of the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the selected request (the school is told the reason)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directors&apos; requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details of the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request in the list to see the director&apos;s data and the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Director:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <comment>the school&apos;s order «Приказ» appointing the director</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the order in the system&apos;s program for this file type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests with this status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Applications to schools…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who applied to which school by themselves («Заявка в школу») and where each application stands</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::PersonWindow</name>
    <message>
        <source>SchoolGate — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In SchoolGate the school&apos;s administration and teachers confirm teachers and students. A parent has nothing to do here; the school&apos;s decisions about your child come to the child&apos;s account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In SchoolGate the school&apos;s administration and teachers confirm teachers and students. A student has nothing more to do here: the school decides, and this window shows where your record stands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a parent&apos;s account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has no record in a school yet. If you applied, confirm your e-mail with the link from the letter; the school decides after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your record is waiting for the school&apos;s decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school has confirmed you as a student of class %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school has confirmed you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school has not confirmed you. If this is a mistake, ask the school: it can decide again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The school has not confirmed you. Reason: %1
If this is a mistake, ask the school: it can decide again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have graduated from the school.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are no longer on the school&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be asked: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ReportDialog</name>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to send: every decision is already reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>These %n decision(s) will go into the next report. Check them and press «Send report». Once sent, they can no longer be taken back.</source>
        <translation>
            <numerusform>%n decision will go into the next report. Check it and press “Send report”. Once sent, it can no longer be taken back.</numerusform>
            <numerusform>These %n decisions will go into the next report. Check them and press “Send report”. Once sent, they can no longer be taken back.</numerusform>
        </translation>
    </message>
    <message>
        <source>Report No. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent on %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no new decisions to report.</source>
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
        <source>Total</source>
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
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions in the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as a PDF document to print or send by e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the decisions as a table for Excel or LibreOffice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send these decisions to the programme as the next report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New: not in the preview you saw before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed since the preview you saw before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person No. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was not sent: the decisions changed after the preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent. This is what the report would hold now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new line(s)</source>
        <translation>
            <numerusform>%n new line</numerusform>
            <numerusform>%n new lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed line(s)</source>
        <translation>
            <numerusform>%n changed line</numerusform>
            <numerusform>%n changed lines</numerusform>
        </translation>
    </message>
    <message>
        <source>no longer in it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same people, decided again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check it and press «Send report» again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::ReportsPanel</name>
    <message numerus="yes">
        <source>Report No. %1 is sent: %n decision(s).</source>
        <translation>
            <numerusform>Report No. %1 is sent: %n decision.</numerusform>
            <numerusform>Report No. %1 is sent: %n decisions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not reported yet. Send a report each time you have approved or rejected people.</source>
        <translation>
            <numerusform>%n decision not reported yet. Send a report each time you have approved or rejected people.</numerusform>
            <numerusform>%n decisions not reported yet. Send a report each time you have approved or rejected people.</numerusform>
        </translation>
    </message>
    <message>
        <source>All decisions are reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview and send…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See what the next report holds and send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview and send the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a report or press Enter to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list of reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reports have been sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV &amp;delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delimiter for CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel in Russian expects a semicolon; choose a comma or Tab for other programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; (semicolon, for Excel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, (comma)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Queued: a report of %n decision(s), saved on %1, is sent as soon as the server can be reached.</source>
        <translation>
            <numerusform>Queued: a report of %n decision, saved on %1, is sent as soon as the server can be reached.</numerusform>
            <numerusform>Queued: a report of %n decisions, saved on %1, is sent as soon as the server can be reached.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not send the queued report; its decisions count as not reported again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the queued report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sg::ui::SupportDialog</name>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Confirming teachers and students, for heads of organisations: &lt;b&gt;%1&lt;/b&gt;, weekdays 8:00–18:00 Moscow time.&lt;/p&gt;&lt;p&gt;Login and password problems: &lt;b&gt;%2&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;E-mail: &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phones %1 and %2, e-mail %3. %4</source>
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
        <source>The INN is invalid: its %1th digit (the check digit) does not match the other digits. Check the whole number against the documents: one mistyped digit anywhere makes it invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OGRN is invalid: its 13th digit (the check digit) does not match the other digits. Check the whole number against the documents: one mistyped digit anywhere makes it invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OGRNIP is invalid: its 15th digit (the check digit) does not match the other digits. Check the whole number against the documents: one mistyped digit anywhere makes it invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SNILS is invalid: its check number (the last two digits) does not match the other digits. Check the whole number against the insurance certificate: one mistyped digit anywhere makes it invalid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
