<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>sg::BusinessCalendar</name>
    <message>
        <source>New Year holidays</source>
        <translation>Новогодние каникулы</translation>
    </message>
    <message>
        <source>Christmas</source>
        <translation>Рождество Христово</translation>
    </message>
    <message>
        <source>Defender of the Fatherland Day</source>
        <translation>День защитника Отечества</translation>
    </message>
    <message>
        <source>International Women&apos;s Day</source>
        <translation>Международный женский день</translation>
    </message>
    <message>
        <source>Spring and Labour Day</source>
        <translation>Праздник Весны и Труда</translation>
    </message>
    <message>
        <source>Victory Day</source>
        <translation>День Победы</translation>
    </message>
    <message>
        <source>Russia Day</source>
        <translation>День России</translation>
    </message>
    <message>
        <source>National Unity Day</source>
        <translation>День народного единства</translation>
    </message>
</context>
<context>
    <name>sg::CsvReader</name>
    <message>
        <source>The file is larger than %1 MB and cannot be imported. Split it into several smaller files.</source>
        <translation>Файл больше %1 МБ и не может быть загружен. Разделите его на несколько файлов поменьше.</translation>
    </message>
    <message>
        <source>This is an Excel workbook, not a CSV file. In the spreadsheet choose “Save As”, the type “CSV”, and import that file.</source>
        <translation>Это книга Excel, а не файл CSV. В редакторе таблиц выберите «Сохранить как», тип «CSV», и загрузите получившийся файл.</translation>
    </message>
    <message>
        <source>A quote or a line break cannot separate the fields.</source>
        <translation>Кавычка или перевод строки не могут быть разделителем полей.</translation>
    </message>
    <message>
        <source>Line %1 contains a NUL character: this is not a text file. Save the table as CSV and try again.</source>
        <translation>Строка %1 содержит символ NUL: это не текстовый файл. Сохраните таблицу в формате CSV и повторите.</translation>
    </message>
    <message>
        <source>Line %1: a quoted field is not closed (the closing quote &quot; is missing).</source>
        <translation>Строка %1: поле в кавычках не закрыто (нет закрывающей кавычки &quot;).</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Файл пуст.</translation>
    </message>
    <message>
        <source>Line %1 holds a broken character (half of a UTF-16 pair): the file is damaged. Save the table as CSV UTF-8 and try again.</source>
        <translation>Строка %1 содержит испорченный символ (половину пары UTF-16): файл повреждён. Сохраните таблицу в формате CSV UTF-8 и повторите.</translation>
    </message>
</context>
<context>
    <name>sg::JsonReader</name>
    <message>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>должно быть строкой</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>длиннее %1 символов</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>должно быть числом</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>должно быть целым числом от %1 до %2</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>должно быть true или false</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>должно быть массивом</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>должно быть объектом</translation>
    </message>
    <message>
        <source>is not a known field</source>
        <translation>неизвестное поле</translation>
    </message>
</context>
<context>
    <name>sg::PasswordPolicy</name>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>Пароль должен содержать не менее %1 символов.</translation>
    </message>
    <message>
        <source>The password must have at most %1 characters.</source>
        <translation>Пароль должен содержать не более %1 символов.</translation>
    </message>
    <message>
        <source>The password must not contain the login.</source>
        <translation>Пароль не должен содержать логин.</translation>
    </message>
    <message>
        <source>This password is easy to guess: it is a common password, a keyboard pattern, a repetition or common words with digits. Add a word or two that do not usually go together; a phrase of several words is easy to remember and hard to guess.</source>
        <translation>Этот пароль легко подобрать: это распространённый пароль, ряд клавиш, повтор или обычные слова с цифрами. Добавьте одно-два слова, которые обычно не стоят рядом: фразу из нескольких слов легко запомнить и трудно подобрать.</translation>
    </message>
</context>
<context>
    <name>sg::SupportHours</name>
    <message>
        <source>Open now, until %1:00 Moscow time</source>
        <translation>Сейчас работает, до %1:00 по московскому времени</translation>
    </message>
    <message>
        <source>Closed. Opens today at %1 Moscow time</source>
        <translation>Сейчас не работает. Откроется сегодня в %1 по московскому времени</translation>
    </message>
    <message>
        <source>Closed. Opens tomorrow at %1 Moscow time</source>
        <translation>Сейчас не работает. Откроется завтра в %1 по московскому времени</translation>
    </message>
    <message>
        <source>Closed. Opens on %1 at %2 Moscow time</source>
        <translation>Сейчас не работает. Откроется: %1, в %2 по московскому времени</translation>
    </message>
</context>
<context>
    <name>sg::client</name>
    <message>
        <source>The server&apos;s answer has no &quot;%1&quot; list.</source>
        <translation>В ответе сервера нет списка «%1».</translation>
    </message>
    <message>
        <source>The secret is not in the keychain.</source>
        <translation>Секрета нет в хранилище паролей.</translation>
    </message>
    <message>
        <source>The system keychain cannot be used: %1</source>
        <translation>Системное хранилище паролей недоступно: %1</translation>
    </message>
</context>
<context>
    <name>sg::client::ApiClient</name>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>Сервер недоступен: %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>нет ответа</translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP %1).</source>
        <translation>Сервер ответил ошибкой (HTTP %1).</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON.</source>
        <translation>Ответ сервера — некорректный JSON.</translation>
    </message>
    <message>
        <source>The server did not answer within %1 seconds.</source>
        <translation>Сервер не ответил за %1 с.</translation>
    </message>
    <message>
        <source>The attached file is not a PDF, JPEG or PNG file.</source>
        <translation>Приложенный файл — не PDF, JPEG или PNG.</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>не может быть пустым</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>должно быть true или false</translation>
    </message>
    <message>
        <source>school: must be an object</source>
        <translation>school: должен быть объектом</translation>
    </message>
    <message>
        <source>members[%1]: must be an object</source>
        <translation>members[%1]: должен быть объектом</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted (%1). Its SHA-256 fingerprint is %2. If your administrator gave you this fingerprint, enter it under the server address in the sign-in window; otherwise do not sign in.</source>
        <translation>Сертификат сервера не признан надёжным (%1). Его отпечаток SHA-256: %2. Если этот отпечаток вам дал администратор, введите его под адресом сервера в окне входа; иначе не входите.</translation>
    </message>
    <message>
        <source>enabled: must be true or false</source>
        <translation>enabled: должно быть true или false</translation>
    </message>
</context>
<context>
    <name>sg::client::DirectorRequestModel</name>
    <message>
        <source>Change of director</source>
        <translation>Смена директора</translation>
    </message>
    <message>
        <source>Initial confirmation</source>
        <translation>Первичное подтверждение</translation>
    </message>
    <message>
        <source>Awaiting decision</source>
        <translation>Ожидает решения</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Overdue: the school was promised an answer by this date.</source>
        <translation>Просрочено: организации обещали ответ к этой дате.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Причина: %1</translation>
    </message>
    <message>
        <source>The school is promised an answer within 2 business days</source>
        <translation>Организации обещан ответ в течение 2 рабочих дней</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Директор</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Подана</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>Ответ до</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
</context>
<context>
    <name>sg::client::EsiaSignIn</name>
    <message>
        <source>The sign-in through Gosuslugi took too long and was stopped. Start again.</source>
        <translation>Вход через Госуслуги занял слишком много времени и был остановлен. Начните заново.</translation>
    </message>
    <message>
        <source>SchoolGate cannot receive the answer of Gosuslugi: no local port could be opened on 127.0.0.1.</source>
        <translation>SchoolGate не может принять ответ Госуслуг: не удалось открыть локальный порт на 127.0.0.1.</translation>
    </message>
    <message>
        <source>SchoolGate has received the answer of Gosuslugi. You can close this page and return to SchoolGate.</source>
        <translation>SchoolGate получил ответ Госуслуг. Эту страницу можно закрыть и вернуться в SchoolGate.</translation>
    </message>
    <message>
        <source>The web browser could not be opened. Check that this computer has a default browser, then try again.</source>
        <translation>Не удалось открыть браузер. Проверьте, что на этом компьютере выбран браузер по умолчанию, и попробуйте снова.</translation>
    </message>
    <message>
        <source>The sign-in through Gosuslugi was cancelled.</source>
        <translation>Вход через Госуслуги отменён.</translation>
    </message>
    <message>
        <source>An answer that does not belong to this sign-in arrived at SchoolGate, so it was refused and nobody was signed in. Start the sign-in through Gosuslugi again.</source>
        <translation>В SchoolGate пришёл ответ, который не относится к этому входу, поэтому он отклонён и вход не выполнен. Начните вход через Госуслуги заново.</translation>
    </message>
    <message>
        <source>Your role needs a confirmed Gosuslugi account. Confirm it, then sign in again.</source>
        <translation>Для вашей роли нужна подтверждённая учётная запись Госуслуг. Подтвердите её и войдите снова.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled on Gosuslugi.</source>
        <translation>Вход отменён на Госуслугах.</translation>
    </message>
    <message>
        <source>The sign-in through Gosuslugi was refused (%1).</source>
        <translation>Вход через Госуслуги отклонён (%1).</translation>
    </message>
    <message>
        <source>Gosuslugi sent SchoolGate no sign-in code. Start again.</source>
        <translation>Госуслуги не передали SchoolGate код входа. Начните заново.</translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>Сервер недоступен: %1</translation>
    </message>
    <message>
        <source>The server could not finish the sign-in (HTTP %1). Try again.</source>
        <translation>Сервер не смог завершить вход (HTTP %1). Попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The server refused the sign-in through Gosuslugi: %1 Start again.</source>
        <translation>Сервер отклонил вход через Госуслуги: %1 Начните заново.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON.</source>
        <translation>Ответ сервера — не корректный JSON.</translation>
    </message>
    <message>
        <source>The server&apos;s answer names two different sessions.</source>
        <translation>В ответе сервера указаны два разных сеанса.</translation>
    </message>
</context>
<context>
    <name>sg::client::MemberTableModel</name>
    <message>
        <source>Pending</source>
        <translation>Ожидает</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Graduate</source>
        <translation>Выпускник</translation>
    </message>
    <message>
        <source>No longer current</source>
        <translation>Не актуально</translation>
    </message>
    <message>
        <source>Simplified</source>
        <translation>Упрощённая</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Стандартная</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Подтверждённая</translation>
    </message>
    <message>
        <source>%1 (not synced)</source>
        <translation>%1 (не отправлено)</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Причина: %1</translation>
    </message>
    <message>
        <source>The address is partly hidden to protect personal data.</source>
        <translation>Адрес частично скрыт для защиты персональных данных.</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Subject / class</source>
        <translation>Предмет / класс</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Gosuslugi account</source>
        <translation>Госуслуги</translation>
    </message>
    <message>
        <source>Level of the person&apos;s account on Gosuslugi (ESIA): simplified, standard or confirmed</source>
        <translation>Уровень учётной записи на Госуслугах (ЕСИА): упрощённая, стандартная или подтверждённая</translation>
    </message>
    <message>
        <source>%1 — changed by someone else</source>
        <translation>%1 — изменено другим пользователем</translation>
    </message>
</context>
<context>
    <name>sg::client::OperatorSession</name>
    <message>
        <source>A rejection needs a reason.</source>
        <translation>Для отклонения нужна причина.</translation>
    </message>
</context>
<context>
    <name>sg::client::ReportHistoryModel</name>
    <message>
        <source>Report number</source>
        <translation>Номер отчёта</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>When the report was sent</source>
        <translation>Когда отчёт отправлен</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <source>Who sent the report</source>
        <translation>Кто отправил отчёт</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Отправитель</translation>
    </message>
    <message>
        <source>Teachers approved in this report</source>
        <translation>Педагоги, подтверждённые в этом отчёте</translation>
    </message>
    <message>
        <source>Teachers approved</source>
        <translation>Педагоги, подтв.</translation>
    </message>
    <message>
        <source>Teachers rejected in this report</source>
        <translation>Педагоги, отклонённые в этом отчёте</translation>
    </message>
    <message>
        <source>Teachers rejected</source>
        <translation>Педагоги, откл.</translation>
    </message>
    <message>
        <source>Students approved in this report</source>
        <translation>Обучающиеся, подтверждённые в этом отчёте</translation>
    </message>
    <message>
        <source>Students approved</source>
        <translation>Обучающиеся, подтв.</translation>
    </message>
    <message>
        <source>Students rejected in this report</source>
        <translation>Обучающиеся, отклонённые в этом отчёте</translation>
    </message>
    <message>
        <source>Students rejected</source>
        <translation>Обучающиеся, откл.</translation>
    </message>
    <message>
        <source>All decisions in the report</source>
        <translation>Все решения в отчёте</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Всего</translation>
    </message>
</context>
<context>
    <name>sg::client::ReportLinesModel</name>
    <message>
        <source>Teacher</source>
        <translation>Педагог</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Обучающийся</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Родитель</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Taken back</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>Дата решения</translation>
    </message>
</context>
<context>
    <name>sg::client::SchoolSession</name>
    <message>
        <source>This computer keeps no offline copy.</source>
        <translation>На этом компьютере нет копии данных.</translation>
    </message>
    <message>
        <source>The report is already on its way to the server and can no longer be cancelled.</source>
        <translation>Отчёт уже отправляется на сервер, и отменить его нельзя.</translation>
    </message>
</context>
<context>
    <name>sg::client::SignInProfile</name>
    <message>
        <source>this computer</source>
        <translation>этот компьютер</translation>
    </message>
</context>
<context>
    <name>sg::client::SyncEngine</name>
    <message>
        <source>The queued report was made without a preview. Check the preview and send it again.</source>
        <translation>Отчёт в очереди был составлен без предпросмотра. Проверьте предпросмотр и отправьте отчёт ещё раз.</translation>
    </message>
    <message>
        <source>A decision in the queued report met a change by someone else, so the report was not sent. Check the new preview and send it again.</source>
        <translation>Решение из отчёта в очереди столкнулось с изменением, сделанным другим пользователем, поэтому отчёт не отправлен. Проверьте новый предпросмотр и отправьте отчёт ещё раз.</translation>
    </message>
</context>
<context>
    <name>sg::proto</name>
    <message>
        <source>has an unknown value &quot;%1&quot;</source>
        <translation>имеет неизвестное значение «%1»</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <source>is not an ISO 8601 date and time</source>
        <translation>не является датой и временем ISO 8601</translation>
    </message>
    <message>
        <source>must have at least 8 characters</source>
        <translation>должно содержать не менее 8 символов</translation>
    </message>
    <message>
        <source>is not valid base64</source>
        <translation>не является корректным base64</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>файл пуст</translation>
    </message>
    <message>
        <source>the file is larger than %1 MiB</source>
        <translation>файл больше %1 МБ</translation>
    </message>
    <message>
        <source>the order must be a PDF, JPEG or PNG file</source>
        <translation>приказ должен быть файлом PDF, JPEG или PNG</translation>
    </message>
    <message>
        <source>a snapshot holds at most %1 decisions</source>
        <translation>снимок содержит не более %1 решений</translation>
    </message>
    <message>
        <source>must be [person id, version]</source>
        <translation>должно быть парой [номер человека, версия]</translation>
    </message>
    <message>
        <source>names a person already in the snapshot</source>
        <translation>называет человека, который уже есть в снимке</translation>
    </message>
</context>
<context>
    <name>sg::proto::DirectorSubmission</name>
    <message>
        <source>must be &quot;initial&quot; or &quot;change&quot;</source>
        <translation>должно быть «initial» или «change»</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>не заполнено</translation>
    </message>
    <message>
        <source>is not an e-mail address</source>
        <translation>не является адресом электронной почты</translation>
    </message>
    <message>
        <source>a change of director needs the order («Приказ») attached</source>
        <translation>для смены директора приложите приказ («Приказ»)</translation>
    </message>
    <message>
        <source>is not a surname: letters, spaces and hyphens only</source>
        <translation>не фамилия: только буквы, пробелы и дефисы</translation>
    </message>
    <message>
        <source>is not a first name: letters, spaces and hyphens only</source>
        <translation>не имя: только буквы, пробелы и дефисы</translation>
    </message>
    <message>
        <source>is not a patronymic: letters, spaces and hyphens only</source>
        <translation>не отчество: только буквы, пробелы и дефисы</translation>
    </message>
    <message>
        <source>is not a telephone number: 10 to 15 digits, with + ( ) - and spaces</source>
        <translation>не номер телефона: от 10 до 15 цифр, можно со знаками + ( ) - и пробелами</translation>
    </message>
</context>
<context>
    <name>sg::server</name>
    <message>
        <source>Wrong login or password.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
    <message>
        <source>There is no such resource.</source>
        <translation>Такого ресурса нет.</translation>
    </message>
    <message>
        <source>The body must be application/json.</source>
        <translation>Тело запроса должно быть application/json.</translation>
    </message>
    <message>
        <source>The body is not valid JSON: %1 at offset %2.</source>
        <translation>Тело запроса — некорректный JSON: %1 (позиция %2).</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>Тело запроса должно быть объектом JSON.</translation>
    </message>
    <message>
        <source>This method is not allowed here.</source>
        <translation>Этот метод здесь не поддерживается.</translation>
    </message>
    <message>
        <source>The body names &quot;%1&quot; twice in one object.</source>
        <translation>В теле запроса поле «%1» указано в одном объекте дважды.</translation>
    </message>
</context>
<context>
    <name>sg::server::AccountStore</name>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n minute(s), or restore the password through support.</source>
        <translation>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %n минуту или восстановите пароль через поддержку.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %n минуты или восстановите пароль через поддержку.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %n минут или восстановите пароль через поддержку.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation>Учётной записи %1 нет.</translation>
    </message>
    <message>
        <source>The surname and the name are required, each at most 100 characters.</source>
        <translation>Фамилия и имя обязательны, каждое не длиннее 100 символов.</translation>
    </message>
    <message>
        <source>The date of birth is not a real past date.</source>
        <translation>Дата рождения должна быть настоящей прошедшей датой.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n second(s), or restore the password through support.</source>
        <translation>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %n секунду или восстановите пароль через поддержку.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %n секунды или восстановите пароль через поддержку.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %n секунд или восстановите пароль через поддержку.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sg::server::AdminCommands</name>
    <message>
        <source>The header has no column &quot;%1&quot;. Expected columns: %2.</source>
        <translation>В заголовке нет столбца «%1». Ожидаемые столбцы: %2.</translation>
    </message>
    <message>
        <source>name: the full name of the organisation is required.</source>
        <translation>name: нужно полное наименование организации.</translation>
    </message>
    <message>
        <source>email: &quot;%1&quot; is not an e-mail address.</source>
        <translation>email: «%1» — не адрес электронной почты.</translation>
    </message>
    <message>
        <source>A school with the INN %1 already exists.</source>
        <translation>Организация с ИНН %1 уже есть.</translation>
    </message>
    <message>
        <source>%1 fields instead of %2</source>
        <translation>%1 полей вместо %2</translation>
    </message>
    <message>
        <source>school %1 created, account %2</source>
        <translation>организация %1 создана, учётная запись %2</translation>
    </message>
    <message>
        <source>There is no school with the INN %1.</source>
        <translation>Нет организации с ИНН %1.</translation>
    </message>
    <message>
        <source>role: &quot;%1&quot; is neither teacher nor student</source>
        <translation>role: «%1» — не teacher и не student</translation>
    </message>
    <message>
        <source>surname and name are required</source>
        <translation>нужны фамилия и имя</translation>
    </message>
    <message>
        <source>email: &quot;%1&quot; is not an e-mail address</source>
        <translation>email: «%1» — не адрес электронной почты</translation>
    </message>
    <message>
        <source>class: &quot;%1&quot; is not a class such as 5А</source>
        <translation>class: «%1» — не класс вида 5А</translation>
    </message>
    <message>
        <source>%1 %2 added</source>
        <translation>%1 %2 добавлен(а)</translation>
    </message>
    <message>
        <source>%1 already exists: choose a new file name.</source>
        <translation>%1 уже существует: выберите другое имя файла.</translation>
    </message>
    <message>
        <source>The server keeps its data in PostgreSQL: back it up with pg_dump (or the cluster&apos;s own backups). This command copies the SQLite database.</source>
        <translation>Сервер хранит данные в PostgreSQL: делайте резервную копию через pg_dump (или средствами самого кластера). Эта команда копирует базу SQLite.</translation>
    </message>
    <message>
        <source>a name or subject is longer than a name can be</source>
        <translation>имя или предмет длиннее, чем бывает</translation>
    </message>
    <message>
        <source>class: &quot;%1&quot; is not a class such as 5А (or leave it empty)</source>
        <translation>class: «%1» — не класс вида 5А (или оставьте пустым)</translation>
    </message>
    <message>
        <source>matches %1 people already in the school (%2 %3): give each an e-mail in the file to tell them apart</source>
        <translation>подходит к нескольким людям школы (%1, %2 %3): укажите в файле их адреса электронной почты, чтобы их различить</translation>
    </message>
    <message>
        <source>the same person as row %1</source>
        <translation>тот же человек, что в строке %1</translation>
    </message>
    <message>
        <source>name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>предмет</translation>
    </message>
    <message>
        <source>class</source>
        <translation>класс</translation>
    </message>
    <message>
        <source>%1 %2 unchanged</source>
        <translation>%1 %2: без изменений</translation>
    </message>
    <message>
        <source>%1 %2 updated: %3</source>
        <translation>%1 %2: обновлено (%3)</translation>
    </message>
</context>
<context>
    <name>sg::server::ApiService</name>
    <message>
        <source>The current password is wrong.</source>
        <translation>Текущий пароль указан неверно.</translation>
    </message>
    <message>
        <source>role: must be &quot;teacher&quot; or &quot;student&quot;.</source>
        <translation>role: должно быть «teacher» или «student».</translation>
    </message>
    <message>
        <source>Teachers see only the students of their classes.</source>
        <translation>Педагогу видны только обучающиеся его классов.</translation>
    </message>
    <message>
        <source>You may not confirm people in this school.</source>
        <translation>Вы не можете подтверждать пользователей в этой организации.</translation>
    </message>
    <message>
        <source>Confirm the director first: until then nobody can be confirmed.</source>
        <translation>Сначала подтвердите директора: до этого подтверждать пользователей нельзя.</translation>
    </message>
    <message>
        <source>items: the batch is empty.</source>
        <translation>items: пакет пуст.</translation>
    </message>
    <message>
        <source>items: at most %1 decisions per batch.</source>
        <translation>items: не более %1 решений в одном пакете.</translation>
    </message>
    <message>
        <source>: must be an object.</source>
        <translation>: должно быть объектом.</translation>
    </message>
    <message>
        <source>Only the school sends reports.</source>
        <translation>Отчёт отправляет только образовательная организация.</translation>
    </message>
    <message>
        <source>Only the school and the support operator see reports.</source>
        <translation>Отчёты видны только образовательной организации и оператору поддержки.</translation>
    </message>
    <message>
        <source>Only the school moves whole grades to graduates.</source>
        <translation>Переводить параллели в выпускники может только организация.</translation>
    </message>
    <message>
        <source>must be a grade from 1 to 11.</source>
        <translation>должно быть номером класса от 1 до 11.</translation>
    </message>
    <message>
        <source>grades: name at least one grade.</source>
        <translation>grades: укажите хотя бы одну параллель.</translation>
    </message>
    <message>
        <source>since: give the sync position once.</source>
        <translation>since: укажите позицию синхронизации один раз.</translation>
    </message>
    <message>
        <source>since: not a sync position this server issued. Synchronise again from the start.</source>
        <translation>since: этот сервер не выдавал такую позицию синхронизации. Синхронизируйтесь заново с начала.</translation>
    </message>
    <message>
        <source>limit: must be a whole number from 1 to %1.</source>
        <translation>limit: должно быть целым числом от 1 до %1.</translation>
    </message>
    <message>
        <source>.key: the same key appears twice in the batch.</source>
        <translation>.key: один и тот же ключ встречается в пакете дважды.</translation>
    </message>
    <message>
        <source>This server lets people in through Gosuslugi only: use «Войти через Госуслуги».</source>
        <translation>На этом сервере вход только через Госуслуги: нажмите «Войти через Госуслуги».</translation>
    </message>
    <message>
        <source>There is no such school.</source>
        <translation>Такой школы нет.</translation>
    </message>
</context>
<context>
    <name>sg::server::Authorizer</name>
    <message>
        <source>There is no such resource.</source>
        <translation>Такого ресурса нет.</translation>
    </message>
    <message>
        <source>Sign in first: the session is missing or has expired.</source>
        <translation>Сначала войдите: сеанс отсутствует или истёк.</translation>
    </message>
    <message>
        <source>Set a new password before you continue.</source>
        <translation>Прежде чем продолжить, задайте новый пароль.</translation>
    </message>
    <message>
        <source>The school has not confirmed you as a teacher yet. Once it does, you can confirm the students of your classes.</source>
        <translation>Организация ещё не подтвердила вас как педагога. После подтверждения вы сможете подтверждать обучающихся своих классов.</translation>
    </message>
    <message>
        <source>Only the support operator may do this.</source>
        <translation>Это может только оператор поддержки.</translation>
    </message>
</context>
<context>
    <name>sg::server::DirectorApi</name>
    <message>
        <source>Only the school and the support operator see the director&apos;s status.</source>
        <translation>Статус директора видят только организация и оператор поддержки.</translation>
    </message>
    <message>
        <source>Only the school gives this consent.</source>
        <translation>Это согласие даёт только организация.</translation>
    </message>
    <message>
        <source>Only the school sends the director&apos;s data.</source>
        <translation>Данные директора отправляет только организация.</translation>
    </message>
    <message>
        <source>Only the school sees its notifications.</source>
        <translation>Уведомления видит только сама организация.</translation>
    </message>
    <message>
        <source>status: must be submitted, confirmed or rejected.</source>
        <translation>status: должно быть submitted, confirmed или rejected.</translation>
    </message>
    <message>
        <source>must be &quot;approve&quot; or &quot;reject&quot;</source>
        <translation>должно быть «approve» или «reject»</translation>
    </message>
</context>
<context>
    <name>sg::server::DirectorStore</name>
    <message>
        <source>The consent text has changed (current version %1). Read it again.</source>
        <translation>Текст согласия изменился (текущая версия %1). Прочитайте его снова.</translation>
    </message>
    <message>
        <source>Give consent to personal-data processing first.</source>
        <translation>Сначала дайте согласие на обработку персональных данных.</translation>
    </message>
    <message>
        <source>inn: the INN %1 is not the INN of your organisation.</source>
        <translation>inn: ИНН %1 — не ИНН вашей организации.</translation>
    </message>
    <message>
        <source>A change of director is possible once a director is confirmed.</source>
        <translation>Смена директора возможна после того, как директор подтверждён.</translation>
    </message>
    <message>
        <source>A change of director is already being reviewed.</source>
        <translation>Заявка на смену директора уже на проверке.</translation>
    </message>
    <message>
        <source>The director&apos;s data is already being reviewed.</source>
        <translation>Данные директора уже на проверке.</translation>
    </message>
    <message>
        <source>The director is already confirmed. To replace the director, send a change with the order.</source>
        <translation>Директор уже подтверждён. Чтобы сменить директора, отправьте заявку на смену с приказом.</translation>
    </message>
    <message>
        <source>There is no such request.</source>
        <translation>Такой заявки нет.</translation>
    </message>
    <message>
        <source>The request was changed meanwhile (now: %1). Reload it.</source>
        <translation>Заявка тем временем изменилась (сейчас: %1). Обновите её.</translation>
    </message>
    <message>
        <source>reason: a rejection needs a reason.</source>
        <translation>reason: для отклонения нужна причина.</translation>
    </message>
</context>
<context>
    <name>sg::server::EsiaBroker</name>
    <message>
        <source>The ESIA development key %1 cannot be read: %2</source>
        <translation>Не удаётся прочитать ключ разработчика ЕСИА %1: %2</translation>
    </message>
    <message>
        <source>The ESIA development key %1 is damaged: delete it to make a new one, and register the new public key with the test stand.</source>
        <translation>Ключ разработчика ЕСИА %1 повреждён: удалите его, чтобы создать новый, и зарегистрируйте новый открытый ключ на тестовом стенде.</translation>
    </message>
    <message>
        <source>The ESIA development key cannot be written to %1: %2</source>
        <translation>Не удаётся записать ключ разработчика ЕСИА в %1: %2</translation>
    </message>
    <message>
        <source>There is no account %1.</source>
        <translation>Учётной записи %1 нет.</translation>
    </message>
    <message>
        <source>The account %1 is not linked to a Gosuslugi account.</source>
        <translation>Учётная запись %1 не привязана к учётной записи Госуслуг.</translation>
    </message>
</context>
<context>
    <name>sg::server::MemberAccounts</name>
    <message>
        <source>There is no account %1 of an approved teacher or student (links are sent to the accounts that an approval made).</source>
        <translation>Учётной записи %1 подтверждённого педагога или обучающегося нет (ссылки отправляются учётным записям, созданным при подтверждении).</translation>
    </message>
    <message>
        <source>The account %1 is disabled: its person is not approved now.</source>
        <translation>Учётная запись %1 отключена: её владелец сейчас не подтверждён.</translation>
    </message>
    <message>
        <source>The person behind %1 has no e-mail address to send the link to.</source>
        <translation>У владельца учётной записи %1 нет адреса электронной почты, на который можно отправить ссылку.</translation>
    </message>
</context>
<context>
    <name>sg::server::SchoolStore</name>
    <message>
        <source>The idempotency key %1 was already used for a different decision.</source>
        <translation>Ключ идемпотентности %1 уже использован для другого решения.</translation>
    </message>
    <message>
        <source>You may not decide on this person.</source>
        <translation>Вы не можете принимать решение по этому пользователю.</translation>
    </message>
    <message>
        <source>A rejection needs a reason.</source>
        <translation>Для отклонения нужна причина.</translation>
    </message>
    <message>
        <source>This person is no longer current in the school.</source>
        <translation>Этот пользователь больше не актуален в организации.</translation>
    </message>
    <message>
        <source>This person was changed by someone else. Review the current state.</source>
        <translation>Запись изменил другой пользователь. Проверьте текущее состояние.</translation>
    </message>
    <message>
        <source>There are no new decisions to report.</source>
        <translation>Нет новых решений для отчёта.</translation>
    </message>
    <message>
        <source>There is no unreported decision on this person to take back.</source>
        <translation>По этому пользователю нет решения, не включённого в отчёт, — отменять нечего.</translation>
    </message>
    <message>
        <source>This sync position is unknown to the server. Synchronise again from the start.</source>
        <translation>Эта позиция синхронизации серверу неизвестна. Синхронизируйтесь заново с начала.</translation>
    </message>
    <message>
        <source>This key was already used for a report with other decisions.</source>
        <translation>Этот ключ уже использован для отчёта с другими решениями.</translation>
    </message>
    <message>
        <source>Open the report preview and send the decisions it shows (this program is too old to send them).</source>
        <translation>Откройте предпросмотр отчёта и отправьте показанные в нём решения (эта версия программы слишком старая, чтобы их передать).</translation>
    </message>
    <message>
        <source>The decisions to report changed after the preview was made. Check the new preview and send again.</source>
        <translation>Решения для отчёта изменились после предпросмотра. Проверьте новый предпросмотр и отправьте отчёт ещё раз.</translation>
    </message>
</context>
<context>
    <name>sg::ui::AboutDialog</name>
    <message>
        <source>Library</source>
        <translation>Библиотека</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>About SchoolGate</source>
        <translation>О программе SchoolGate</translation>
    </message>
    <message>
        <source>The cabinet of an educational organisation: confirm the director, teachers and students, and send the reports.&lt;br&gt;Licence: GNU GPL version 3 or later.</source>
        <translation>Личный кабинет образовательной организации: подтверждение директора, педагогов и обучающихся, отправка отчётов.&lt;br&gt;Лицензия: GNU GPL версии 3 или более поздней.</translation>
    </message>
    <message>
        <source>Support: ☎ %1 (weekdays 8:00–18:00 Moscow time), ✉ %2</source>
        <translation>Поддержка: ☎ %1 (по будням с 8:00 до 18:00 по московскому времени), ✉ %2</translation>
    </message>
</context>
<context>
    <name>sg::ui::ApplicationsDialog</name>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Nobody has applied yet.</source>
        <translation>Заявок пока нет.</translation>
    </message>
    <message>
        <source>No application matches the filter.</source>
        <translation>Нет заявок, подходящих под поиск.</translation>
    </message>
    <message>
        <source>Applications to schools</source>
        <translation>Заявки в школы</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Найти:</translation>
    </message>
    <message>
        <source>school, name or e-mail</source>
        <translation>школа, ФИО или адрес почты</translation>
    </message>
    <message>
        <source>Find applications</source>
        <translation>Поиск заявок</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Школа</translation>
    </message>
    <message>
        <source>Applies as</source>
        <translation>Кем</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Почта</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Подана</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>E-mail not confirmed yet</source>
        <translation>Почта ещё не подтверждена</translation>
    </message>
    <message>
        <source>Waiting for the school</source>
        <translation>Ждёт решения школы</translation>
    </message>
    <message>
        <source>Confirmed by the school</source>
        <translation>Подтверждена школой</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонена</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Отклонена: %1</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>Выпускник</translation>
    </message>
    <message>
        <source>No longer at the school</source>
        <translation>Больше не в школе</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>педагог</translation>
    </message>
    <message>
        <source>student</source>
        <translation>обучающийся</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s)</source>
        <translation>
            <numerusform>%n заявка</numerusform>
            <numerusform>%n заявки</numerusform>
            <numerusform>%n заявок</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>Показано %1 из %2</translation>
    </message>
    <message>
        <source>The applications could not be loaded: %1</source>
        <translation>Не удалось загрузить заявки: %1</translation>
    </message>
</context>
<context>
    <name>sg::ui::BusyIndicator</name>
    <message>
        <source>Talking to the server…</source>
        <translation>Обмен данными с сервером…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Cancel the operation</source>
        <translation>Отменить операцию</translation>
    </message>
    <message>
        <source>Operation in progress</source>
        <translation>Выполняется операция</translation>
    </message>
</context>
<context>
    <name>sg::ui::ClientApp</name>
    <message>
        <source>Wrong login or password. Check the e-mail your organisation received, or call support.</source>
        <translation>Неверный логин или пароль. Проверьте письмо, пришедшее на почту организации, или позвоните в поддержку.</translation>
    </message>
    <message>
        <source>The server does not answer. Check the address and the network. (%1)</source>
        <translation>Сервер не отвечает. Проверьте адрес и подключение к сети. (%1)</translation>
    </message>
    <message>
        <source>The built-in server cannot start: %1</source>
        <translation>Встроенный сервер не запускается: %1</translation>
    </message>
    <message>
        <source>The one-time password must be replaced before you can work. Sign in again when ready.</source>
        <translation>Прежде чем начать работу, нужно заменить одноразовый пароль. Войдите снова, когда будете готовы.</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>Вход отменён.</translation>
    </message>
    <message>
        <source>The remembered password is no longer in the keychain. Enter it again.</source>
        <translation>Сохранённого пароля больше нет в хранилище паролей. Введите его снова.</translation>
    </message>
    <message>
        <source>Forget profile</source>
        <translation>Забыть профиль</translation>
    </message>
    <message>
        <source>Forget the profile “%1” and its remembered password on this computer?</source>
        <translation>Забыть профиль «%1» и сохранённый для него пароль на этом компьютере?</translation>
    </message>
    <message>
        <source>The password could not be saved in the system keychain: %1</source>
        <translation>Не удалось сохранить пароль в системном хранилище паролей: %1</translation>
    </message>
    <message>
        <source>Someone else&apos;s computer: nothing is kept on this computer, so work needs the connection.</source>
        <translation>Чужой компьютер: на этом компьютере ничего не сохраняется, поэтому для работы нужна связь с сервером.</translation>
    </message>
    <message>
        <source>The offline copy on this computer cannot be opened (%1); working online only. It is kept as it is.</source>
        <translation>Не удаётся открыть копию данных на этом компьютере (%1); работа только при связи с сервером. Копия сохранена как есть.</translation>
    </message>
    <message>
        <source>The key of this computer&apos;s offline copy is missing from the keychain. The copy is kept; sign in again once the keychain is back. Working online meanwhile.</source>
        <translation>Ключа от копии данных на этом компьютере нет в хранилище паролей. Копия сохранена; войдите снова, когда хранилище станет доступно. Пока — работа только при связи с сервером.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выход</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) or report(s) have not reached the server yet. Signing out deletes this computer&apos;s copy, and them with it. Sign out anyway?</source>
        <translation>
            <numerusform>%n решение или отчёт ещё не дошли до сервера. При выходе копия данных на этом компьютере удаляется, а вместе с ней и они. Всё равно выйти?</numerusform>
            <numerusform>%n решения или отчёта ещё не дошли до сервера. При выходе копия данных на этом компьютере удаляется, а вместе с ней и они. Всё равно выйти?</numerusform>
            <numerusform>%n решений или отчётов ещё не дошли до сервера. При выходе копия данных на этом компьютере удаляется, а вместе с ней и они. Всё равно выйти?</numerusform>
        </translation>
    </message>
    <message>
        <source>The system keychain does not answer: nothing is kept on this computer this time, so work needs the connection.</source>
        <translation>Системное хранилище паролей не отвечает: в этот раз на компьютере ничего не сохраняется, поэтому для работы нужна связь с сервером.</translation>
    </message>
    <message>
        <source>This server accepts sign-in only through Gosuslugi: press “Sign in with Gosuslugi”.</source>
        <translation>На этом сервере вход только через Госуслуги: нажмите «Войти через Госуслуги».</translation>
    </message>
    <message>
        <source>This account still has the one-time password from the e-mail. Sign in once with the login and that password to choose your own; after that, Gosuslugi works too.</source>
        <translation>У этой учётной записи ещё действует одноразовый пароль из письма. Один раз войдите по логину и этому паролю, чтобы задать свой; после этого вход через Госуслуги тоже будет работать.</translation>
    </message>
    <message>
        <source>How to confirm a Gosuslugi account: enter your passport and SNILS in your Gosuslugi profile and wait for them to be checked, then confirm your identity at a service centre (МФЦ), through your bank&apos;s online service or with an electronic signature.</source>
        <translation>Как подтвердить учётную запись Госуслуг: введите в профиле на Госуслугах паспортные данные и СНИЛС и дождитесь их проверки, затем подтвердите личность в МФЦ, через онлайн-банк или электронной подписью.</translation>
    </message>
    <message>
        <source>Signing in through Gosuslugi needs an account on the Gosuslugi portal.

• A student: a simplified account is enough (name, e-mail or mobile phone and a password).
• A parent, director, deputy head or administrator, teacher or class teacher: the account must be confirmed. After the simplified registration, enter your passport and SNILS in your Gosuslugi profile; once they are checked, confirm your identity at a service centre (МФЦ), through your bank&apos;s online service or with an electronic signature.

Then press “Sign in with Gosuslugi” here. The first time, SchoolGate asks once for its own login and password to link the two accounts.

Open the Gosuslugi registration page in the web browser?</source>
        <translation>Для входа через Госуслуги нужна учётная запись на портале Госуслуг.

• Ученику достаточно упрощённой учётной записи (фамилия, имя, электронная почта или мобильный телефон и пароль).
• Родителю, директору, завучу или администратору школы, учителю и классному руководителю нужна подтверждённая учётная запись. После упрощённой регистрации введите в профиле на Госуслугах паспортные данные и СНИЛС; когда они будут проверены, подтвердите личность в МФЦ, через онлайн-банк или электронной подписью.

Затем нажмите здесь «Войти через Госуслуги». В первый раз SchoolGate один раз спросит свои логин и пароль, чтобы связать учётные записи.

Открыть страницу регистрации на Госуслугах в браузере?</translation>
    </message>
    <message>
        <source>No Gosuslugi account?</source>
        <translation>Нет учётной записи на Госуслугах?</translation>
    </message>
    <message>
        <source>The web browser could not be opened. The registration page is %1</source>
        <translation>Не удалось открыть браузер. Страница регистрации: %1</translation>
    </message>
    <message>
        <source>This computer keeps a copy of the account: you can work with it until the server is back.</source>
        <translation>На этом компьютере есть копия учётной записи: с ней можно работать, пока сервер недоступен.</translation>
    </message>
    <message>
        <source>The offline copy on this computer cannot be opened without the server: the file that checks its password is damaged (%1). The copy is kept; sign in when the server can be reached.</source>
        <translation>Копию на этом компьютере нельзя открыть без сервера: файл, которым проверяется её пароль, повреждён (%1). Копия сохранена; войдите, когда сервер будет доступен.</translation>
    </message>
    <message numerus="yes">
        <source>The copy of this account on this computer was deleted: its data was last synced at %1, longer ago than the server allows for personal data (%n day(s)). Sign in when the server can be reached.</source>
        <translation>
            <numerusform>Копия этой учётной записи на этом компьютере удалена: её данные в последний раз синхронизированы в %1, а сервер разрешает хранить персональные данные без синхронизации не дольше %n дня. Войдите, когда сервер будет доступен.</numerusform>
            <numerusform>Копия этой учётной записи на этом компьютере удалена: её данные в последний раз синхронизированы в %1, а сервер разрешает хранить персональные данные без синхронизации не дольше %n дней. Войдите, когда сервер будет доступен.</numerusform>
            <numerusform>Копия этой учётной записи на этом компьютере удалена: её данные в последний раз синхронизированы в %1, а сервер разрешает хранить персональные данные без синхронизации не дольше %n дней. Войдите, когда сервер будет доступен.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer keeps no copy of this account that opens with a password. Sign in when the server can be reached.</source>
        <translation>На этом компьютере нет копии этой учётной записи, которая открывается паролем. Войдите, когда сервер будет доступен.</translation>
    </message>
    <message>
        <source>Wrong password for the copy on this computer.</source>
        <translation>Неверный пароль для копии на этом компьютере.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: the next attempt is possible at %1.</source>
        <translation>Слишком много неверных паролей: следующая попытка возможна в %1.</translation>
    </message>
    <message>
        <source>The copy on this computer cannot be opened (%1). It is kept; sign in when the server can be reached.</source>
        <translation>Копию на этом компьютере не удалось открыть (%1). Она сохранена; войдите, когда сервер будет доступен.</translation>
    </message>
    <message>
        <source>no school</source>
        <translation>нет школы</translation>
    </message>
    <message>
        <source>The server is back: you are signed in again, and what was decided on this computer is being sent.</source>
        <translation>Сервер снова доступен: вход выполнен, решения, принятые на этом компьютере, отправляются.</translation>
    </message>
    <message>
        <source>another account</source>
        <translation>другая учётная запись</translation>
    </message>
    <message>
        <source>The server is back but did not accept the password entered offline (%1). Enter your current password: the decisions made offline stay on this computer and are sent once you are signed in.</source>
        <translation>Сервер снова доступен, но не принял пароль, введённый без сети (%1). Введите текущий пароль: решения, принятые без сети, остаются на этом компьютере и будут отправлены после входа.</translation>
    </message>
    <message>
        <source>Working offline: data as of %1</source>
        <translation>Работа без сети: данные на %1</translation>
    </message>
    <message>
        <source>Signed in with the copy on this computer: the server has not been reached since. Decisions are kept here and sent when it answers.</source>
        <translation>Вход выполнен по копии на этом компьютере: сервер с тех пор недоступен. Решения сохраняются здесь и будут отправлены, когда он ответит.</translation>
    </message>
    <message>
        <source>The system keychain is not available: nothing is kept on this computer, so work needs the connection.</source>
        <translation>Системное хранилище паролей недоступно: на этом компьютере ничего не сохраняется, для работы нужна связь с сервером.</translation>
    </message>
</context>
<context>
    <name>sg::ui::ConfirmationChart</name>
    <message>
        <source>%1: %2 approved, %3 rejected, %4 pending, %5 other (of %6)</source>
        <translation>%1: подтверждено — %2, отклонено — %3, ожидают — %4, прочие — %5 (всего %6)</translation>
    </message>
    <message>
        <source>Confirmation progress</source>
        <translation>Ход подтверждения</translation>
    </message>
    <message>
        <source>No people loaded yet.</source>
        <translation>Список пользователей ещё не загружен.</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>решено</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ожидает</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Прочее</translation>
    </message>
</context>
<context>
    <name>sg::ui::ConflictsDialog</name>
    <message>
        <source>Decisions that need your attention</source>
        <translation>Решения, требующие внимания</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Ваше решение</translation>
    </message>
    <message>
        <source>Now on the server</source>
        <translation>Сейчас на сервере</translation>
    </message>
    <message>
        <source>Conflicting decisions</source>
        <translation>Решения с конфликтом</translation>
    </message>
    <message>
        <source>No conflicts are left.</source>
        <translation>Конфликтов не осталось.</translation>
    </message>
    <message>
        <source>Not accepted: %1</source>
        <translation>Не принято: %1</translation>
    </message>
    <message>
        <source>«%1»</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>Before the change</source>
        <translation>Было до изменения</translation>
    </message>
    <message>
        <source>Changed by, when</source>
        <translation>Кто изменил и когда</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Select one or several rows (Shift or Ctrl with the arrows, Ctrl+A for all), then choose what to do.</source>
        <translation>Выберите одну или несколько строк (Shift или Ctrl со стрелками, Ctrl+A — все), затем выберите, что сделать.</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
    <message>
        <source>Selected conflicts</source>
        <translation>Выбранные конфликты</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Выбрать &amp;все</translation>
    </message>
    <message>
        <source>&amp;Keep as it is</source>
        <translation>&amp;Оставить как есть</translation>
    </message>
    <message>
        <source>Drop your decision for the selected people: what the server has stays.</source>
        <translation>Убрать ваше решение по выбранным людям: останется то, что на сервере.</translation>
    </message>
    <message>
        <source>A&amp;pply my decision</source>
        <translation>&amp;Применить моё решение</translation>
    </message>
    <message>
        <source>Send your decision again for the selected people, on their current state.</source>
        <translation>Отправить ваше решение по выбранным людям снова, на их текущее состояние.</translation>
    </message>
    <message>
        <source>support operator</source>
        <translation>оператор поддержки</translation>
    </message>
    <message>
        <source>school</source>
        <translation>школа</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>учитель</translation>
    </message>
    <message>
        <source>class teacher</source>
        <translation>классный руководитель</translation>
    </message>
    <message>
        <source>student</source>
        <translation>ученик</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>родитель</translation>
    </message>
    <message>
        <source>someone else (not known)</source>
        <translation>другой пользователь (неизвестно кто)</translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <source>You may not decide on this person.</source>
        <translation>Вы не можете принимать решение по этому человеку.</translation>
    </message>
    <message>
        <source>A rejection needs a reason.</source>
        <translation>Для отклонения нужна причина.</translation>
    </message>
    <message>
        <source>This person is no longer current in the school.</source>
        <translation>Этот человек больше не числится в школе.</translation>
    </message>
    <message>
        <source>There is nothing to take back: the decision is in a report already, or was taken back.</source>
        <translation>Отменять нечего: решение уже вошло в отчёт или уже отменено.</translation>
    </message>
    <message>
        <source>The server did not accept this decision.</source>
        <translation>Сервер не принял это решение.</translation>
    </message>
    <message>
        <source>This person</source>
        <translation>Этот человек</translation>
    </message>
    <message>
        <source>%1. Your decision: %2.</source>
        <translation>%1. Ваше решение: %2.</translation>
    </message>
    <message>
        <source>While it waited on this computer, %1 changed this person: %2 → %3.</source>
        <translation>Пока оно ждало на этом компьютере, статус изменили: %2 → %3. Кто и когда: %1.</translation>
    </message>
    <message>
        <source>Their reason: %1.</source>
        <translation>Причина изменения: %1.</translation>
    </message>
    <message>
        <source>While it waited on this computer, someone else changed this person; now: %1.</source>
        <translation>Пока оно ждало на этом компьютере, другой пользователь изменил данные этого человека; сейчас: %1.</translation>
    </message>
    <message>
        <source>While these decisions waited on this computer, someone else changed the same people. Nothing was overwritten. Select one or several rows and choose: keep what the server has, or apply your decision on the current state.</source>
        <translation>Пока эти решения ждали на этом компьютере, другие пользователи изменили тех же людей. Ничего не перезаписано. Выберите одну или несколько строк и решите: оставить то, что на сервере, или применить ваше решение к текущему состоянию.</translation>
    </message>
    <message>
        <source>Select a row to see what happened.</source>
        <translation>Выберите строку, чтобы увидеть, что произошло.</translation>
    </message>
    <message>
        <source>It cannot be sent again as it is; “Keep as it is” removes it from this computer.</source>
        <translation>Отправить его снова в таком виде нельзя; «Оставить как есть» уберёт его с этого компьютера.</translation>
    </message>
    <message>
        <source>“Keep as it is” drops your decision; “Apply my decision” sends it again on the current state.</source>
        <translation>«Оставить как есть» убирает ваше решение; «Применить моё решение» отправляет его снова на текущее состояние.</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) selected: the buttons act on all of them.</source>
        <translation>
            <numerusform>Выбран %n конфликт: кнопки действуют на все выбранные.</numerusform>
            <numerusform>Выбрано %n конфликта: кнопки действуют на все выбранные.</numerusform>
            <numerusform>Выбрано %n конфликтов: кнопки действуют на все выбранные.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Подтверждение</translation>
    </message>
    <message>
        <source>Rejection</source>
        <translation>Отклонение</translation>
    </message>
    <message>
        <source>Rejection: %1</source>
        <translation>Отклонение: %1</translation>
    </message>
    <message>
        <source>Taking back</source>
        <translation>Отмена решения</translation>
    </message>
</context>
<context>
    <name>sg::ui::ConsentDialog</name>
    <message>
        <source>Consent to personal data processing</source>
        <translation>Согласие на обработку персональных данных</translation>
    </message>
    <message>
        <source>Before the director&apos;s data can be sent, the organisation must consent to the processing of personal data. Read the text to the end.</source>
        <translation>Прежде чем отправить данные директора, организация должна дать согласие на обработку персональных данных. Прочитайте текст до конца.</translation>
    </message>
    <message>
        <source>Version of the text: %1</source>
        <translation>Версия текста: %1</translation>
    </message>
    <message>
        <source>I have read the consent text</source>
        <translation>Текст согласия прочитан</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>Даю согласие</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Consent text</source>
        <translation>Текст согласия</translation>
    </message>
    <message>
        <source>Available after you tick “I have read the consent text”</source>
        <translation>Доступно после отметки «Текст согласия прочитан»</translation>
    </message>
</context>
<context>
    <name>sg::ui::DashboardPanel</name>
    <message>
        <source>Teachers</source>
        <translation>Педагоги</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Обучающиеся</translation>
    </message>
    <message>
        <source>Students by class</source>
        <translation>Обучающиеся по классам</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open</source>
        <translation>Чтобы открыть, дважды щёлкните или нажмите Enter</translation>
    </message>
    <message>
        <source>The director is not confirmed yet: teachers and students can be confirmed only after that.</source>
        <translation>Директор ещё не подтверждён: педагогов и обучающихся можно подтверждать только после этого.</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not reported yet. Send a report.</source>
        <translation>
            <numerusform>%n решение ещё не включено в отчёт. Отправьте отчёт.</numerusform>
            <numerusform>%n решения ещё не включены в отчёт. Отправьте отчёт.</numerusform>
            <numerusform>%n решений ещё не включено в отчёт. Отправьте отчёт.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n teacher(s) wait for a decision</source>
        <translation>
            <numerusform>%n педагог ожидает решения</numerusform>
            <numerusform>%n педагога ожидают решения</numerusform>
            <numerusform>%n педагогов ожидают решения</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n student(s) wait for a decision</source>
        <translation>
            <numerusform>%1: %n обучающийся ожидает решения</numerusform>
            <numerusform>%1: %n обучающихся ожидают решения</numerusform>
            <numerusform>%1: %n обучающихся ожидают решения</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing needs attention: every decision is made and reported.</source>
        <translation>Ничего не требует внимания: все решения приняты и включены в отчёты.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Вход не выполнен.</translation>
    </message>
    <message>
        <source>How far confirmation has gone</source>
        <translation>Ход подтверждения</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Требует внимания</translation>
    </message>
    <message>
        <source>Confirmation progress</source>
        <translation>Ход подтверждения</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not reported yet: the school includes them in its next report.</source>
        <translation>
            <numerusform>%n решение ещё не включено в отчёт: школа включит его в следующий отчёт.</numerusform>
            <numerusform>%n решения ещё не включены в отчёт: школа включит их в следующий отчёт.</numerusform>
            <numerusform>%n решений ещё не включены в отчёт: школа включит их в следующий отчёт.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the lists of teachers and students…</source>
        <translation>Загружаются списки педагогов и обучающихся…</translation>
    </message>
    <message>
        <source>Teachers and students can apply to the school themselves: %1</source>
        <translation>Педагоги и обучающиеся могут сами подать заявку в школу: %1</translation>
    </message>
    <message>
        <source>Where teachers and students apply: %1</source>
        <translation>Адрес для заявок педагогов и обучающихся: %1</translation>
    </message>
    <message>
        <source>Give this address to teachers and students: they apply, confirm their e-mail, and wait in the lists of people to confirm.</source>
        <translation>Передайте этот адрес педагогам и обучающимся: они подают заявку, подтверждают почту и появляются в списках на подтверждение.</translation>
    </message>
    <message>
        <source>Copy the address</source>
        <translation>Копировать адрес</translation>
    </message>
</context>
<context>
    <name>sg::ui::DialogPrompter</name>
    <message>
        <source>Reject</source>
        <translation>Отклонить</translation>
    </message>
    <message numerus="yes">
        <source>Why are you rejecting %n person(s)? The reason is shown to them and in the report.</source>
        <translation>
            <numerusform>Почему вы отклоняете %n пользователя? Причину увидит пользователь, она попадёт в отчёт.</numerusform>
            <numerusform>Почему вы отклоняете %n пользователей? Причину увидят пользователи, она попадёт в отчёт.</numerusform>
            <numerusform>Почему вы отклоняете %n пользователей? Причину увидят пользователи, она попадёт в отчёт.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a reason: a rejection without one is not accepted.</source>
        <translation>Укажите причину: отклонение без причины не принимается.</translation>
    </message>
    <message>
        <source>Set a new password</source>
        <translation>Задайте новый пароль</translation>
    </message>
    <message>
        <source>You signed in with a one-time password from the e-mail. Choose your own password: at least 12 characters; a phrase of several words is easy to remember and hard to guess.</source>
        <translation>Вы вошли с одноразовым паролем из письма. Придумайте свой пароль: не короче 12 символов; фразу из нескольких слов легко запомнить и трудно подобрать.</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Новый пароль</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Повторите новый пароль</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Новый пароль:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Повторите:</translation>
    </message>
    <message>
        <source>Common reasons</source>
        <translation>Частые причины</translation>
    </message>
    <message>
        <source>Choose a common reason…</source>
        <translation>Выберите частую причину…</translation>
    </message>
    <message>
        <source>Does not work at this school</source>
        <translation>Не работает в этой школе</translation>
    </message>
    <message>
        <source>Does not study at this school</source>
        <translation>Не учится в этой школе</translation>
    </message>
    <message>
        <source>The name, class or subject is wrong</source>
        <translation>Неверные ФИО, класс или предмет</translation>
    </message>
    <message>
        <source>The same person applied twice</source>
        <translation>Повторная заявка того же человека</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>The reason, in a few words (Ctrl+Enter rejects)</source>
        <translation>Причина в нескольких словах (Ctrl+Enter — отклонить)</translation>
    </message>
</context>
<context>
    <name>sg::ui::DirectorFormDialog</name>
    <message>
        <source>The e-mail address is incomplete: it needs a domain such as school.ru after “@”</source>
        <translation>Адрес эл. почты неполный: после «@» нужен домен, например school.ru</translation>
    </message>
    <message>
        <source>An e-mail address needs “@”, for example director@school.ru</source>
        <translation>В адресе эл. почты нужен знак «@», например director@school.ru</translation>
    </message>
    <message>
        <source>surname</source>
        <translation>фамилия</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>имя</translation>
    </message>
    <message>
        <source>position</source>
        <translation>должность</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between field names in a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>To send, fill in: %1.</source>
        <translation>Чтобы отправить, заполните поля: %1.</translation>
    </message>
    <message>
        <source>Correct: %1.</source>
        <translation>Исправьте поля: %1.</translation>
    </message>
    <message>
        <source>Attach the order on the change of director.</source>
        <translation>Приложите приказ о смене директора.</translation>
    </message>
    <message>
        <source>Order on the change of director</source>
        <translation>Приказ о смене директора</translation>
    </message>
    <message>
        <source>Order (PDF, JPEG, PNG) (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Приказ (PDF, JPEG, PNG) (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>An order is attached only to a change of director.</source>
        <translation>Приказ прикладывается только к заявке на смену директора.</translation>
    </message>
    <message>
        <source>The file “%1” was not found.</source>
        <translation>Файл «%1» не найден.</translation>
    </message>
    <message>
        <source>“%1” is a folder. Choose the order file itself.</source>
        <translation>«%1» — это папка. Выберите сам файл приказа.</translation>
    </message>
    <message>
        <source>The file “%1” cannot be opened: there is no permission to read it, or another program is using it.</source>
        <translation>Не удаётся открыть файл «%1»: нет прав на его чтение, или он занят другой программой.</translation>
    </message>
    <message>
        <source>The file “%1” is empty.</source>
        <translation>Файл «%1» пуст.</translation>
    </message>
    <message>
        <source>The file “%1” is too large (%2). The order may be at most %3: scan it with a lower resolution or save it as PDF.</source>
        <translation>Файл «%1» слишком большой (%2). Размер приказа — не более %3: отсканируйте его с меньшим разрешением или сохраните в PDF.</translation>
    </message>
    <message>
        <source>The file “%1” could not be read completely.</source>
        <translation>Не удалось полностью прочитать файл «%1».</translation>
    </message>
    <message>
        <source>The file “%1” is not really a %2 file: its content is of another kind (perhaps it was renamed). The order must be a PDF, JPEG or PNG file.</source>
        <translation>Файл «%1» на самом деле не является файлом %2: его содержимое другого типа (возможно, файл переименовали). Приказ должен быть в формате PDF, JPEG или PNG.</translation>
    </message>
    <message>
        <source>The file “%1” is not a PDF, JPEG or PNG file. Scan or save the order in one of these formats.</source>
        <translation>Файл «%1» — не PDF, JPEG или PNG. Отсканируйте или сохраните приказ в одном из этих форматов.</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Файл не выбран</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Change of director</source>
        <translation>Смена директора</translation>
    </message>
    <message>
        <source>Director&apos;s data</source>
        <translation>Данные директора</translation>
    </message>
    <message>
        <source>Enter the data of the new director and attach the order on the change of director. Support checks them within 1–2 business days and informs you by e-mail and here.</source>
        <translation>Введите данные нового директора и приложите приказ о смене директора. Поддержка проверит их в течение 1–2 рабочих дней и сообщит о результате по эл. почте и здесь.</translation>
    </message>
    <message>
        <source>Enter the data of the director of the organisation. Support checks them within 1–2 business days and informs you by e-mail and here.</source>
        <translation>Введите данные директора организации. Поддержка проверит их в течение 1–2 рабочих дней и сообщит о результате по эл. почте и здесь.</translation>
    </message>
    <message>
        <source>&amp;Surname:</source>
        <translation>&amp;Фамилия:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Patronymic:</source>
        <translation>&amp;Отчество:</translation>
    </message>
    <message>
        <source>P&amp;osition:</source>
        <translation>&amp;Должность:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Эл. почта:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <source>Organisation &amp;INN:</source>
        <translation>ИН&amp;Н организации:</translation>
    </message>
    <message>
        <source>if any</source>
        <translation>при наличии</translation>
    </message>
    <message>
        <source>director@school.ru</source>
        <translation>director@school.ru</translation>
    </message>
    <message>
        <source>+7 900 000-00-00 (optional)</source>
        <translation>+7 900 000-00-00 (необязательно)</translation>
    </message>
    <message>
        <source>10 digits</source>
        <translation>10 цифр</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Директор</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Patronymic</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Organisation INN</source>
        <translation>ИНН организации</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Выбрать файл…</translation>
    </message>
    <message>
        <source>Choose the order file</source>
        <translation>Выбрать файл приказа</translation>
    </message>
    <message>
        <source>PDF, JPEG or PNG, up to %1. You can also drag the file onto this window.</source>
        <translation>PDF, JPEG или PNG, не более %1. Файл можно также перетащить в это окно.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>surname (letters, spaces and hyphens only)</source>
        <translation>фамилия (только буквы, пробелы и дефисы)</translation>
    </message>
    <message>
        <source>first name (letters, spaces and hyphens only)</source>
        <translation>имя (только буквы, пробелы и дефисы)</translation>
    </message>
    <message>
        <source>patronymic (letters, spaces and hyphens only)</source>
        <translation>отчество (только буквы, пробелы и дефисы)</translation>
    </message>
    <message>
        <source>phone (10 to 15 digits)</source>
        <translation>телефон (от 10 до 15 цифр)</translation>
    </message>
</context>
<context>
    <name>sg::ui::DirectorPanel</name>
    <message>
        <source>Or send the director&apos;s data to the support e-mail %1.</source>
        <translation>Или отправьте данные директора в поддержку по адресу %1.</translation>
    </message>
    <message>
        <source>Do not forget to state the INN of the organisation: %1.</source>
        <translation>Не забудьте указать ИНН организации: %1.</translation>
    </message>
    <message>
        <source>A change of director can also be sent by e-mail to %1: the subject “%2”, the order on the change of director attached, and the INN of the organisation.</source>
        <translation>Заявку на смену директора можно также отправить по адресу %1: в теме письма укажите «%2», приложите приказ о смене директора и укажите ИНН организации.</translation>
    </message>
    <message>
        <source>Loading the director&apos;s status…</source>
        <translation>Загрузка статуса директора…</translation>
    </message>
    <message>
        <source>The director is not confirmed yet. Step 1 of 2: give consent to the processing of personal data.</source>
        <translation>Директор ещё не подтверждён. Шаг 1 из 2: дайте согласие на обработку персональных данных.</translation>
    </message>
    <message>
        <source>The consent text has changed. Give consent again to send the director&apos;s data.</source>
        <translation>Текст согласия изменился. Чтобы отправить данные директора, дайте согласие заново.</translation>
    </message>
    <message>
        <source>Consent given. Step 2 of 2: send the director&apos;s data.</source>
        <translation>Согласие дано. Шаг 2 из 2: отправьте данные директора.</translation>
    </message>
    <message>
        <source>Consent given on %1. Step 2 of 2: send the director&apos;s data.</source>
        <translation>Согласие дано %1. Шаг 2 из 2: отправьте данные директора.</translation>
    </message>
    <message>
        <source>The director&apos;s data is under review.</source>
        <translation>Данные директора на проверке.</translation>
    </message>
    <message>
        <source>The director&apos;s data is under review, expected date: %1.</source>
        <translation>Данные директора на проверке, ожидаемый срок ответа: %1.</translation>
    </message>
    <message>
        <source>You will get a notification about the result.</source>
        <translation>Вы получите уведомление о результате.</translation>
    </message>
    <message>
        <source>✔ Director confirmed.</source>
        <translation>✔ Директор подтверждён.</translation>
    </message>
    <message>
        <source>✔ Director confirmed: %1.</source>
        <translation>✔ Директор подтверждён: %1.</translation>
    </message>
    <message>
        <source>A change of director is under review.</source>
        <translation>Заявка на смену директора на проверке.</translation>
    </message>
    <message>
        <source>A change of director is under review, expected date: %1.</source>
        <translation>Заявка на смену директора на проверке, ожидаемый срок ответа: %1.</translation>
    </message>
    <message>
        <source>The last change of director was rejected. Reason: %1.</source>
        <translation>Последняя заявка на смену директора отклонена. Причина: %1.</translation>
    </message>
    <message>
        <source>The director&apos;s data was rejected. Correct the data and send them again.</source>
        <translation>Данные директора отклонены. Исправьте их и отправьте снова.</translation>
    </message>
    <message>
        <source>The director&apos;s data was rejected. Reason: %1. Correct the data and send them again.</source>
        <translation>Данные директора отклонены. Причина: %1. Исправьте их и отправьте снова.</translation>
    </message>
    <message>
        <source>Unknown status of the director: %1</source>
        <translation>Неизвестный статус директора: %1</translation>
    </message>
    <message>
        <source>Available after consent to the processing of personal data</source>
        <translation>Доступно после согласия на обработку персональных данных</translation>
    </message>
    <message>
        <source>No notifications yet</source>
        <translation>Уведомлений пока нет</translation>
    </message>
    <message>
        <source>Director of the organisation</source>
        <translation>Директор организации</translation>
    </message>
    <message>
        <source>Give consent…</source>
        <translation>Дать согласие…</translation>
    </message>
    <message>
        <source>Read and accept the consent to the processing of personal data</source>
        <translation>Прочитать и принять согласие на обработку персональных данных</translation>
    </message>
    <message>
        <source>Send the director&apos;s data…</source>
        <translation>Отправить данные директора…</translation>
    </message>
    <message>
        <source>Change director…</source>
        <translation>Сменить директора…</translation>
    </message>
    <message>
        <source>The director has changed: send the new director&apos;s data with the order</source>
        <translation>Директор сменился: отправьте данные нового директора вместе с приказом</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>Director status</source>
        <translation>Статус директора</translation>
    </message>
</context>
<context>
    <name>sg::ui::ErrorText</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n секунду</numerusform>
            <numerusform>%n секунды</numerusform>
            <numerusform>%n секунд</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n минуту</numerusform>
            <numerusform>%n минуты</numerusform>
            <numerusform>%n минут</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again in %1, or restore the password through support.</source>
        <translation>Слишком много неудачных попыток входа. Повторите через %1 или восстановите пароль через поддержку.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again later, or restore the password through support.</source>
        <translation>Слишком много неудачных попыток входа. Повторите позже или восстановите пароль через поддержку.</translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
    <message>
        <source>The session has ended: sign in again.</source>
        <translation>Сеанс завершён: войдите снова.</translation>
    </message>
    <message>
        <source>This account may not do that.</source>
        <translation>У этой учётной записи нет прав на это действие.</translation>
    </message>
    <message>
        <source>The server no longer has this record: refresh the lists.</source>
        <translation>На сервере этой записи больше нет: обновите списки.</translation>
    </message>
    <message>
        <source>The director must be confirmed first: teachers and students are confirmed after that.</source>
        <translation>Сначала должен быть подтверждён директор: педагогов и обучающихся подтверждают после этого.</translation>
    </message>
    <message>
        <source>Your teacher&apos;s account is not confirmed by the school yet.</source>
        <translation>Школа ещё не подтвердила вашу учётную запись педагога.</translation>
    </message>
    <message>
        <source>Set your own password first: sign in again and choose one.</source>
        <translation>Сначала задайте свой пароль: войдите снова и придумайте его.</translation>
    </message>
    <message>
        <source>There is nothing to report: every decision is already in a report.</source>
        <translation>Отправлять нечего: все решения уже включены в отчёты.</translation>
    </message>
    <message>
        <source>This server accepts sign-in only through Gosuslugi.</source>
        <translation>Этот сервер принимает вход только через Госуслуги.</translation>
    </message>
    <message>
        <source>The server is busy. Try again in %1.</source>
        <translation>Сервер занят. Повторите через %1.</translation>
    </message>
    <message>
        <source>The server is busy. Try again in a minute.</source>
        <translation>Сервер занят. Повторите через минуту.</translation>
    </message>
    <message>
        <source>The server could not do this. Try again later; if it happens again, tell support.</source>
        <translation>Сервер не смог выполнить запрос. Повторите позже; если ошибка повторится, сообщите в поддержку.</translation>
    </message>
    <message>
        <source>The server refused the data.</source>
        <translation>Сервер не принял данные.</translation>
    </message>
    <message>
        <source>The server refused the data: %1</source>
        <translation>Сервер не принял данные: %1</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Что-то пошло не так (%1).</translation>
    </message>
</context>
<context>
    <name>sg::ui::EsiaWaitDialog</name>
    <message>
        <source>Time left: %1:%2</source>
        <translation>Осталось времени: %1:%2</translation>
    </message>
    <message>
        <source>Sign in with Gosuslugi</source>
        <translation>Вход через Госуслуги</translation>
    </message>
    <message>
        <source>Continue signing in in the browser</source>
        <translation>Продолжите вход в браузере</translation>
    </message>
    <message>
        <source>The Gosuslugi sign-in page has opened in your web browser. Sign in there; SchoolGate continues by itself once you are done. If the page did not open, cancel and try again.</source>
        <translation>В браузере открылась страница входа на Госуслуги. Войдите там — SchoolGate продолжит сам, когда вы закончите. Если страница не открылась, нажмите «Отмена» и попробуйте снова.</translation>
    </message>
    <message>
        <source>Waiting for the browser</source>
        <translation>Ожидание браузера</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Cancel signing in with Gosuslugi</source>
        <translation>Отменить вход через Госуслуги</translation>
    </message>
</context>
<context>
    <name>sg::ui::Exporter</name>
    <message>
        <source>The file “%1” could not be saved: %2.

Choose another folder, for example Documents, and try again.</source>
        <translation>Не удалось сохранить файл «%1»: %2.

Выберите другую папку, например «Документы», и повторите попытку.</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table for Excel or LibreOffice (*.csv)</source>
        <translation>Таблица CSV для Excel или LibreOffice (*.csv)</translation>
    </message>
    <message>
        <source>Report No.</source>
        <translation>№ отчёта</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>Дата решения</translation>
    </message>
    <message>
        <source>Report preview: decisions not sent yet</source>
        <translation>Проект отчёта: решения ещё не отправлены</translation>
    </message>
    <message>
        <source>Report No. %1 on confirming teachers and students</source>
        <translation>Отчёт № %1 о подтверждении педагогов и обучающихся</translation>
    </message>
    <message>
        <source>Prepared on %1. This is not a sent report: it shows what the next report will hold.</source>
        <translation>Подготовлено %1. Это не отправленный отчёт: здесь показано, что войдёт в следующий отчёт.</translation>
    </message>
    <message>
        <source>Sent on %1 by %2.</source>
        <translation>Дата отправки: %1. Отправитель: %2.</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(неизвестно)</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Всего</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Педагоги</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Обучающиеся</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Decisions (%1)</source>
        <translation>Решения (%1)</translation>
    </message>
    <message>
        <source>There are no decisions in this report.</source>
        <translation>В этом отчёте нет решений.</translation>
    </message>
    <message>
        <source>Made with SchoolGate on %1.</source>
        <translation>Создано в SchoolGate %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) as of %1.</source>
        <translation>
            <numerusform>%n строка по состоянию на %1.</numerusform>
            <numerusform>%n строки по состоянию на %1.</numerusform>
            <numerusform>%n строк по состоянию на %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Report No. %1</source>
        <translation>Отчёт № %1</translation>
    </message>
    <message>
        <source>Report preview</source>
        <translation>Проект отчёта</translation>
    </message>
    <message>
        <source>Report %1 of %2</source>
        <translation>Отчёт № %1 от %2</translation>
    </message>
    <message>
        <source>Report preview %1</source>
        <translation>Проект отчёта %1</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Сохранить отчёт в PDF</translation>
    </message>
    <message>
        <source>Save the report as CSV</source>
        <translation>Сохранить отчёт в CSV</translation>
    </message>
    <message>
        <source>The file is not saved</source>
        <translation>Файл не сохранён</translation>
    </message>
    <message>
        <source>Save the table as PDF</source>
        <translation>Сохранить таблицу в PDF</translation>
    </message>
    <message>
        <source>Save the table as CSV</source>
        <translation>Сохранить таблицу в CSV</translation>
    </message>
</context>
<context>
    <name>sg::ui::LoginWindow</name>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Enter the server address, for example https://schoolgate.example.ru</source>
        <translation>Введите адрес сервера, например https://schoolgate.example.ru</translation>
    </message>
    <message>
        <source>Enter the login from the e-mail your organisation received.</source>
        <translation>Введите логин из письма, пришедшего на почту организации.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <source>SchoolGate — sign in</source>
        <translation>SchoolGate — вход</translation>
    </message>
    <message>
        <source>Cabinet of the educational organisation: confirm the director, teachers and students.</source>
        <translation>Личный кабинет образовательной организации: подтверждение директора, педагогов и обучающихся.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>This computer (built-in server)</source>
        <translation>Этот компьютер (встроенный сервер)</translation>
    </message>
    <message>
        <source>Organisation&apos;s server at an address…</source>
        <translation>Сервер организации по адресу…</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Адрес сервера</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>Login and password did not arrive at the organisation&apos;s e-mail? ☎ %1&lt;br&gt;Confirming teachers and students, for heads of organisations: ☎ %2, weekdays 8:00–18:00 Moscow time&lt;br&gt;✉ &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;</source>
        <translation>Не пришли логин и пароль на почту организации? ☎ %1&lt;br&gt;Подтверждение педагогов и обучающихся, для руководителей организаций: ☎ %2, по будням с 8:00 до 18:00 по московскому времени&lt;br&gt;✉ &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;</translation>
    </message>
    <message>
        <source>The built-in server on this computer</source>
        <translation>Встроенный сервер на этом компьютере</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>Новый профиль…</translation>
    </message>
    <message>
        <source>P&amp;rofile:</source>
        <translation>П&amp;рофиль:</translation>
    </message>
    <message>
        <source>Sign-in profile</source>
        <translation>Профиль входа</translation>
    </message>
    <message>
        <source>Forget this profile and its remembered password</source>
        <translation>Забыть этот профиль и сохранённый пароль</translation>
    </message>
    <message>
        <source>Forget profile</source>
        <translation>Забыть профиль</translation>
    </message>
    <message>
        <source>Re&amp;member the password on this computer</source>
        <translation>&amp;Запомнить пароль на этом компьютере</translation>
    </message>
    <message>
        <source>Remember the password</source>
        <translation>Запомнить пароль</translation>
    </message>
    <message>
        <source>The password is kept in the system keychain, never in a file.</source>
        <translation>Пароль хранится в системном хранилище паролей, никогда — в файле.</translation>
    </message>
    <message>
        <source>The system keychain is not available, so the password cannot be remembered and is asked every time.</source>
        <translation>Системное хранилище паролей недоступно, поэтому пароль нельзя запомнить — он будет запрашиваться каждый раз.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Cancel signing in</source>
        <translation>Отменить вход</translation>
    </message>
    <message>
        <source>Someone &amp;else&apos;s computer</source>
        <translation>Чу&amp;жой компьютер</translation>
    </message>
    <message>
        <source>Someone else&apos;s computer</source>
        <translation>Чужой компьютер</translation>
    </message>
    <message>
        <source>Nothing is kept on this computer: no profile, no password and no offline copy. Work needs the connection.</source>
        <translation>На этом компьютере ничего не сохраняется: ни профиль, ни пароль, ни копия данных. Для работы нужна связь с сервером.</translation>
    </message>
    <message>
        <source>The certificate fingerprint is 64 hexadecimal digits (pairs may be separated by colons). Leave the field empty if your administrator gave you none.</source>
        <translation>Отпечаток сертификата — 64 шестнадцатеричные цифры (пары можно разделять двоеточиями). Если администратор не давал отпечатка, оставьте поле пустым.</translation>
    </message>
    <message>
        <source>Server certificate fingerprint</source>
        <translation>Отпечаток сертификата сервера</translation>
    </message>
    <message>
        <source>Certificate fingerprint SHA-256, if the administrator gave one</source>
        <translation>Отпечаток сертификата SHA-256, если его дал администратор</translation>
    </message>
    <message>
        <source>Only for a server with its own certificate (a school network): the fingerprint your administrator gave you. Any other certificate must be trusted by this computer.</source>
        <translation>Только для сервера со своим сертификатом (школьная сеть): отпечаток, который дал администратор. Любой другой сертификат должен быть признан этим компьютером.</translation>
    </message>
    <message>
        <source>Cer&amp;tificate:</source>
        <translation>Сер&amp;тификат:</translation>
    </message>
    <message>
        <source>Sign in with Gosuslugi</source>
        <translation>Войти через Госуслуги</translation>
    </message>
    <message>
        <source>Opens the Gosuslugi sign-in page in your web browser.</source>
        <translation>Открывает страницу входа на Госуслуги в браузере.</translation>
    </message>
    <message>
        <source>This server accepts sign-in only through Gosuslugi: the login and password of SchoolGate are not used here.</source>
        <translation>На этом сервере вход только через Госуслуги: логин и пароль SchoolGate здесь не используются.</translation>
    </message>
    <message>
        <source>No Gosuslugi account?</source>
        <translation>Нет учётной записи на Госуслугах?</translation>
    </message>
    <message>
        <source>Enter the login and the password of this account: the offline copy opens with them.</source>
        <translation>Введите логин и пароль этой учётной записи: копия на этом компьютере открывается с ними.</translation>
    </message>
    <message>
        <source>&amp;Open the copy on this computer (data as of %1)</source>
        <translation>&amp;Открыть копию на этом компьютере (данные на %1)</translation>
    </message>
    <message>
        <source>Open the offline copy</source>
        <translation>Открыть копию на этом компьютере</translation>
    </message>
    <message>
        <source>The server cannot be reached: work with the data kept on this computer. The password is checked here; decisions are sent when the server is back.</source>
        <translation>Сервер недоступен: работайте с данными, сохранёнными на этом компьютере. Пароль проверяется здесь; решения отправятся, когда сервер снова будет доступен.</translation>
    </message>
    <message>
        <source>from the SchoolGate letter</source>
        <translation>из письма SchoolGate</translation>
    </message>
</context>
<context>
    <name>sg::ui::MainWindow</name>
    <message numerus="yes">
        <source>Saved: %n decision(s).</source>
        <translation>
            <numerusform>Сохранено решений: %n.</numerusform>
            <numerusform>Сохранено решений: %n.</numerusform>
            <numerusform>Сохранено решений: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) were not accepted.</source>
        <translation>
            <numerusform>%n решение не принято.</numerusform>
            <numerusform>%n решения не приняты.</numerusform>
            <numerusform>%n решений не принято.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Report No. %1 sent: %n decision(s).</source>
        <translation>
            <numerusform>Отчёт № %1 отправлен: %n решение.</numerusform>
            <numerusform>Отчёт № %1 отправлен: %n решения.</numerusform>
            <numerusform>Отчёт № %1 отправлен: %n решений.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Не выполнено: %1</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Подтвердить</translation>
    </message>
    <message numerus="yes">
        <source>Approve %n people at once?</source>
        <translation>
            <numerusform>Подтвердить сразу %n пользователя?</numerusform>
            <numerusform>Подтвердить сразу %n пользователей?</numerusform>
            <numerusform>Подтвердить сразу %n пользователей?</numerusform>
        </translation>
    </message>
    <message>
        <source>INN %1 · signed in as %2</source>
        <translation>ИНН %1 · вход выполнен: %2</translation>
    </message>
    <message>
        <source>✔ Director confirmed</source>
        <translation>✔ Директор подтверждён</translation>
    </message>
    <message>
        <source>Director not confirmed yet</source>
        <translation>Директор ещё не подтверждён</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not yet reported. Send a report after each round of decisions.</source>
        <translation>
            <numerusform>%n решение ещё не включено в отчёт. Отправляйте отчёт после каждого подтверждения или отклонения.</numerusform>
            <numerusform>%n решения ещё не включены в отчёт. Отправляйте отчёт после каждого подтверждения или отклонения.</numerusform>
            <numerusform>%n решений ещё не включено в отчёт. Отправляйте отчёт после каждого подтверждения или отклонения.</numerusform>
        </translation>
    </message>
    <message>
        <source>All decisions are reported.</source>
        <translation>Все решения включены в отчёты.</translation>
    </message>
    <message>
        <source>Send report (%1)</source>
        <translation>Отправить отчёт (%1)</translation>
    </message>
    <message>
        <source>Send report</source>
        <translation>Отправить отчёт</translation>
    </message>
    <message>
        <source>Confirming people is locked until the director of the organisation is confirmed.</source>
        <translation>Подтверждение пользователей недоступно, пока не подтверждён директор организации.</translation>
    </message>
    <message>
        <source>You can confirm students once the school has confirmed you as a teacher.</source>
        <translation>Подтверждать обучающихся можно после того, как организация подтвердит вас как педагога.</translation>
    </message>
    <message>
        <source>Teachers (%1)</source>
        <translation>Педагоги (%1)</translation>
    </message>
    <message>
        <source>Students (%1)</source>
        <translation>Обучающиеся (%1)</translation>
    </message>
    <message>
        <source>SchoolGate — cabinet of the educational organisation</source>
        <translation>SchoolGate — личный кабинет образовательной организации</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n decision(s).</source>
        <translation>
            <numerusform>Отменено решений: %n.</numerusform>
            <numerusform>Отменено решений: %n.</numerusform>
            <numerusform>Отменено решений: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be undone (changed meanwhile or already reported).</source>
        <translation>
            <numerusform>Не удалось отменить решений: %n (их тем временем изменили или уже включили в отчёт).</numerusform>
            <numerusform>Не удалось отменить решений: %n (их тем временем изменили или уже включили в отчёт).</numerusform>
            <numerusform>Не удалось отменить решений: %n (их тем временем изменили или уже включили в отчёт).</numerusform>
        </translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Педагоги</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Обучающиеся</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>● Connected: %1</source>
        <translation>● Подключено: %1</translation>
    </message>
    <message>
        <source>● No connection: %1</source>
        <translation>● Нет связи: %1</translation>
    </message>
    <message>
        <source>Your decisions are kept; try again when the connection is back.</source>
        <translation>Ваши решения сохранены; повторите попытку, когда связь восстановится.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Export the table to &amp;CSV…</source>
        <translation>&amp;Экспорт таблицы в CSV…</translation>
    </message>
    <message>
        <source>Export the table to &amp;PDF…</source>
        <translation>Экс&amp;порт таблицы в PDF…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>В&amp;ыйти</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>&amp;Тёмная тема</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Support…</source>
        <translation>&amp;Поддержка…</translation>
    </message>
    <message>
        <source>&amp;About SchoolGate…</source>
        <translation>&amp;О программе SchoolGate…</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Директор</translation>
    </message>
    <message>
        <source>Cancelled. What the server had already saved is kept; the tables are reloaded.</source>
        <translation>Отменено. То, что сервер уже сохранил, остаётся; таблицы загружены заново.</translation>
    </message>
    <message numerus="yes">
        <source>Saved on this computer: %n decision(s). Sending…</source>
        <translation>
            <numerusform>Сохранено на этом компьютере: %n решение. Отправка…</numerusform>
            <numerusform>Сохранено на этом компьютере: %n решения. Отправка…</numerusform>
            <numerusform>Сохранено на этом компьютере: %n решений. Отправка…</numerusform>
        </translation>
    </message>
    <message>
        <source>The report waits on this computer and is sent as soon as the server can be reached.</source>
        <translation>Отчёт ждёт на этом компьютере и будет отправлен, как только сервер станет доступен.</translation>
    </message>
    <message numerus="yes">
        <source>No connection (%1): %n item(s) wait on this computer and are sent automatically.</source>
        <translation>
            <numerusform>Нет связи (%1): %n запись ждёт на этом компьютере и будет отправлена автоматически.</numerusform>
            <numerusform>Нет связи (%1): %n записи ждут на этом компьютере и будут отправлены автоматически.</numerusform>
            <numerusform>Нет связи (%1): %n записей ждут на этом компьютере и будут отправлены автоматически.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now (%1)</source>
        <translation>Синхронизировать (%1)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Синхронизировать</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Нет связи</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting on this computer</source>
        <translation>
            <numerusform>%n ждёт отправки на этом компьютере</numerusform>
            <numerusform>%n ждут отправки на этом компьютере</numerusform>
            <numerusform>%n ждут отправки на этом компьютере</numerusform>
        </translation>
    </message>
    <message>
        <source>You can go on working: decisions are kept on this computer and sent when the connection is back.</source>
        <translation>Можно продолжать работу: решения сохраняются на этом компьютере и будут отправлены, когда связь восстановится.</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Синхронизировать</translation>
    </message>
    <message>
        <source>Send what waits on this computer and fetch what changed (F5)</source>
        <translation>Отправить то, что ждёт на этом компьютере, и получить изменения (F5)</translation>
    </message>
    <message>
        <source>Decisions that met a change by someone else: choose what to keep</source>
        <translation>Решения, столкнувшиеся с изменениями другого пользователя: выберите, что оставить</translation>
    </message>
    <message>
        <source>The director&apos;s data waits on this computer and is sent as soon as the server can be reached.</source>
        <translation>Данные директора ждут на этом компьютере и будут отправлены, как только сервер станет доступен.</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>Требуют внимания (%1)</translation>
    </message>
    <message numerus="yes">
        <source>The server cannot be reached now. A report of the %n decision(s) made on this computer will wait here and be sent, after those decisions, as soon as the connection is back. If anything else has to be reported by then, nothing is sent and you will see the new preview. Queue it?</source>
        <translation>
            <numerusform>Сервер сейчас недоступен. Отчёт из %n решения, принятого на этом компьютере, будет ждать здесь и будет отправлен после этих решений, как только связь восстановится. Если к тому времени появится что-то ещё для отчёта, ничего не будет отправлено, и вы увидите новый предпросмотр. Поставить отчёт в очередь?</numerusform>
            <numerusform>Сервер сейчас недоступен. Отчёт из %n решений, принятых на этом компьютере, будет ждать здесь и будет отправлен после этих решений, как только связь восстановится. Если к тому времени появится что-то ещё для отчёта, ничего не будет отправлено, и вы увидите новый предпросмотр. Поставить отчёт в очередь?</numerusform>
            <numerusform>Сервер сейчас недоступен. Отчёт из %n решений, принятых на этом компьютере, будет ждать здесь и будет отправлен после этих решений, как только связь восстановится. Если к тому времени появится что-то ещё для отчёта, ничего не будет отправлено, и вы увидите новый предпросмотр. Поставить отчёт в очередь?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n decision(s)…</source>
        <translation>
            <numerusform>Отправляется %n решение…</numerusform>
            <numerusform>Отправляются %n решения…</numerusform>
            <numerusform>Отправляются %n решений…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) were changed by someone else meanwhile: choose what to keep under “Needs attention”.</source>
        <translation>
            <numerusform>%n человека за это время изменил кто-то другой: выберите, что оставить, в «Требуют внимания».</numerusform>
            <numerusform>%n человек за это время изменил кто-то другой: выберите, что оставить, в «Требуют внимания».</numerusform>
            <numerusform>%n человек за это время изменил кто-то другой: выберите, что оставить, в «Требуют внимания».</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) or report(s) have not reached the server yet, and this computer keeps no offline copy: closing loses them. Close anyway?</source>
        <translation>
            <numerusform>%n решение или отчёт ещё не дошли до сервера, а копии на этом компьютере нет: при закрытии они пропадут. Всё равно закрыть?</numerusform>
            <numerusform>%n решения или отчёта ещё не дошли до сервера, а копии на этом компьютере нет: при закрытии они пропадут. Всё равно закрыть?</numerusform>
            <numerusform>%n решений или отчётов ещё не дошли до сервера, а копии на этом компьютере нет: при закрытии они пропадут. Всё равно закрыть?</numerusform>
        </translation>
    </message>
    <message>
        <source>Send the &amp;report…</source>
        <translation>Отправить &amp;отчёт…</translation>
    </message>
    <message>
        <source>&amp;Find in the table</source>
        <translation>&amp;Найти в таблице</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) are not in a report yet. Send the report first («Send report»), or sign out and send it next time. Sign out now?</source>
        <translation>
            <numerusform>%n решение ещё не включено в отчёт. Сначала отправьте отчёт («Отправить отчёт») или выйдите и отправьте его в следующий раз. Выйти сейчас?</numerusform>
            <numerusform>%n решения ещё не включены в отчёт. Сначала отправьте отчёт («Отправить отчёт») или выйдите и отправьте его в следующий раз. Выйти сейчас?</numerusform>
            <numerusform>%n решений ещё не включены в отчёт. Сначала отправьте отчёт («Отправить отчёт») или выйдите и отправьте его в следующий раз. Выйти сейчас?</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
</context>
<context>
    <name>sg::ui::MemberPanel</name>
    <message>
        <source>Approve (%1)</source>
        <translation>Подтвердить (%1)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Reject (%1)</source>
        <translation>Отклонить (%1)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Отклонить</translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>Показан %n</numerusform>
            <numerusform>Показано %n</numerusform>
            <numerusform>Показано %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Search by name or subject</source>
        <translation>Поиск по ФИО или предмету</translation>
    </message>
    <message>
        <source>Search by name or class</source>
        <translation>Поиск по ФИО или классу</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ожидает</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Фильтр по статусу</translation>
    </message>
    <message>
        <source>Approve the selected people</source>
        <translation>Подтвердить выбранных пользователей</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Педагоги</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Обучающиеся</translation>
    </message>
    <message>
        <source>Undo (%1)</source>
        <translation>Отменить (%1)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Approve the selected people.
In the table: Ctrl+Enter or +.</source>
        <translation>Подтвердить выбранных пользователей.
В таблице: Ctrl+Enter или +.</translation>
    </message>
    <message>
        <source>Reject the selected people; a reason is required.
In the table: Delete or -.</source>
        <translation>Отклонить выбранных пользователей; нужно указать причину.
В таблице: Delete или -.</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Все классы</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Предмет</translation>
    </message>
    <message>
        <source>Class filter</source>
        <translation>Фильтр по классу</translation>
    </message>
    <message>
        <source>Show the students of one class</source>
        <translation>Показать обучающихся одного класса</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Выбрать всех</translation>
    </message>
    <message>
        <source>Select everyone shown with the current search and filters (Ctrl+A in the table).</source>
        <translation>Выбрать всех, кто показан при текущем поиске и фильтрах (Ctrl+A в таблице).</translation>
    </message>
    <message>
        <source>Undo the last decisions</source>
        <translation>Отменить последние решения</translation>
    </message>
    <message>
        <source>Take back the last batch of decisions: the people return to their previous status.
Possible until the report is sent. In the table: Ctrl+Z.</source>
        <translation>Отменить последнюю группу решений: пользователи вернутся в прежний статус.
Это возможно, пока отчёт не отправлен. В таблице: Ctrl+Z.</translation>
    </message>
    <message>
        <source>Reject the selected people</source>
        <translation>Отклонить выбранных пользователей</translation>
    </message>
    <message>
        <source>Why deciding is locked</source>
        <translation>Почему решения недоступны</translation>
    </message>
    <message>
        <source>Number of people shown</source>
        <translation>Число показанных пользователей</translation>
    </message>
    <message>
        <source>Ctrl+Enter or + approves the selected people, Delete or - rejects them, Ctrl+Z takes the last decisions back. After a decision the next pending person is selected.</source>
        <translation>Ctrl+Enter или + — подтвердить выбранных пользователей, Delete или - — отклонить, Ctrl+Z — отменить последние решения. После решения выбирается следующий ожидающий пользователь.</translation>
    </message>
    <message>
        <source>No one matches the search and the filters: change or clear them.</source>
        <translation>Никого не найдено: измените или сбросьте поиск и фильтры.</translation>
    </message>
    <message>
        <source>No teachers yet: they appear here when they apply or the school&apos;s administrator adds them.</source>
        <translation>Педагогов пока нет: они появятся здесь, когда подадут заявки или их добавит администратор школы.</translation>
    </message>
    <message>
        <source>No students yet: they appear here when they apply or the school&apos;s administrator adds them.</source>
        <translation>Обучающихся пока нет: они появятся здесь, когда подадут заявки или их добавит администратор школы.</translation>
    </message>
</context>
<context>
    <name>sg::ui::OperatorWindow</name>
    <message>
        <source>The order could not be loaded: %1</source>
        <translation>Не удалось загрузить приказ: %1</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (просрочено)</translation>
    </message>
    <message>
        <source>none (an initial confirmation needs no order)</source>
        <translation>нет (для первичного подтверждения приказ не нужен)</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n заявка</numerusform>
            <numerusform>%n заявки</numerusform>
            <numerusform>%n заявок</numerusform>
        </translation>
    </message>
    <message>
        <source>Support operator · server %1</source>
        <translation>Оператор поддержки · сервер %1</translation>
    </message>
    <message>
        <source>No order is attached: an initial confirmation does not need one.</source>
        <translation>Приказ не приложен: для первичного подтверждения он не нужен.</translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation>Загрузка приказа…</translation>
    </message>
    <message>
        <source>The file cannot be shown here. Save it or open it in a viewer to check it.</source>
        <translation>Этот файл нельзя показать здесь. Чтобы проверить его, сохраните файл или откройте в программе просмотра.</translation>
    </message>
    <message>
        <source>This version of the app cannot show PDF files. Open the order in a viewer.</source>
        <translation>Эта версия приложения не показывает файлы PDF. Откройте приказ в программе просмотра.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Страница %1 из %2</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Приказ %1</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Приказ</translation>
    </message>
    <message>
        <source>%1 file (*.%2)</source>
        <translation>Файл %1 (*.%2)</translation>
    </message>
    <message>
        <source>Save the order</source>
        <translation>Сохранить приказ</translation>
    </message>
    <message>
        <source>The file could not be saved to %1: %2</source>
        <translation>Не удалось сохранить файл %1: %2</translation>
    </message>
    <message>
        <source>The order is saved to %1.</source>
        <translation>Приказ сохранён: %1.</translation>
    </message>
    <message>
        <source>Open in viewer</source>
        <translation>Открыть в программе просмотра</translation>
    </message>
    <message>
        <source>The order could not be written to a temporary file.</source>
        <translation>Не удалось записать приказ во временный файл.</translation>
    </message>
    <message>
        <source>No program to show this file was found. Save the order and open it yourself.</source>
        <translation>Не найдена программа для просмотра этого файла. Сохраните приказ и откройте его самостоятельно.</translation>
    </message>
    <message>
        <source>Confirming the director of %1…</source>
        <translation>Подтверждение директора: %1…</translation>
    </message>
    <message>
        <source>Rejection cancelled: nothing was sent.</source>
        <translation>Отклонение отменено: ничего не отправлено.</translation>
    </message>
    <message>
        <source>Rejecting the request of %1…</source>
        <translation>Отклонение заявки: %1…</translation>
    </message>
    <message>
        <source>Confirmed: %1 is the director of %2. The school is notified.</source>
        <translation>Подтверждено: %1 — директор организации %2. Организация уведомлена.</translation>
    </message>
    <message>
        <source>Rejected: the request of %1 (%2). The school is notified with the reason.</source>
        <translation>Отклонено: заявка организации %1 (%2). Организации отправлено уведомление с причиной.</translation>
    </message>
    <message>
        <source>Someone else has decided on this request meanwhile, so nothing was changed. The list is reloaded to show the current state.</source>
        <translation>По этой заявке тем временем уже принял решение другой оператор, поэтому ничего не изменено. Список загружен заново и показывает текущее состояние.</translation>
    </message>
    <message>
        <source>The request has changed</source>
        <translation>Заявка изменилась</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Не выполнено: %1</translation>
    </message>
    <message>
        <source>SchoolGate — director confirmation (support)</source>
        <translation>SchoolGate — подтверждение директоров (поддержка)</translation>
    </message>
    <message>
        <source>Confirmation of directors</source>
        <translation>Подтверждение директоров</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Показать:</translation>
    </message>
    <message>
        <source>Awaiting decision</source>
        <translation>Ожидают решения</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Подтверждённые</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонённые</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>Все заявки</translation>
    </message>
    <message>
        <source>Requests to show</source>
        <translation>Какие заявки показывать</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Load the list from the server again</source>
        <translation>Заново загрузить список с сервера</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Confirm the selected person as the director of the organisation</source>
        <translation>Подтвердить директора организации по выбранной заявке</translation>
    </message>
    <message>
        <source>Confirm the director</source>
        <translation>Подтвердить директора</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <source>Reject the selected request (the school is told the reason)</source>
        <translation>Отклонить выбранную заявку (организация получит причину)</translation>
    </message>
    <message>
        <source>Reject the request</source>
        <translation>Отклонить заявку</translation>
    </message>
    <message>
        <source>Directors&apos; requests</source>
        <translation>Заявки на подтверждение директоров</translation>
    </message>
    <message>
        <source>Details of the request</source>
        <translation>Сведения о заявке</translation>
    </message>
    <message>
        <source>Select a request in the list to see the director&apos;s data and the order.</source>
        <translation>Выберите заявку в списке, чтобы увидеть данные директора и приказ.</translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation>Организация:</translation>
    </message>
    <message>
        <source>INN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Заявка:</translation>
    </message>
    <message>
        <source>Director:</source>
        <translation>Директор:</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>Должность:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>Эл. почта:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <source>Submitted:</source>
        <translation>Подана:</translation>
    </message>
    <message>
        <source>Answer by:</source>
        <translation>Ответ до:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Decided:</source>
        <translation>Дата решения:</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Приказ:</translation>
    </message>
    <message>
        <source>Order</source>
        <comment>the school&apos;s order «Приказ» appointing the director</comment>
        <translation>Приказ</translation>
    </message>
    <message>
        <source>Order preview</source>
        <translation>Просмотр приказа</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <source>Open the order in the system&apos;s program for this file type</source>
        <translation>Открыть приказ в программе, которая назначена в системе для этого типа файлов</translation>
    </message>
    <message>
        <source>Save file…</source>
        <translation>Сохранить файл…</translation>
    </message>
    <message>
        <source>No requests with this status.</source>
        <translation>Заявок с таким статусом нет.</translation>
    </message>
    <message>
        <source>&amp;Applications to schools…</source>
        <translation>&amp;Заявки в школы…</translation>
    </message>
    <message>
        <source>Who applied to which school by themselves («Заявка в школу») and where each application stands</source>
        <translation>Кто сам подал заявку в какую школу («Заявка в школу») и что с каждой заявкой</translation>
    </message>
</context>
<context>
    <name>sg::ui::PersonWindow</name>
    <message>
        <source>SchoolGate — %1</source>
        <translation>SchoolGate — %1</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Вы вошли как %1</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>В&amp;ыйти</translation>
    </message>
    <message>
        <source>In SchoolGate the school&apos;s administration and teachers confirm teachers and students. A parent has nothing to do here; the school&apos;s decisions about your child come to the child&apos;s account.</source>
        <translation>В SchoolGate администрация школы и учителя подтверждают педагогов и обучающихся. Родителю здесь делать ничего не нужно: решения школы о ребёнке видны в учётной записи ребёнка.</translation>
    </message>
    <message>
        <source>In SchoolGate the school&apos;s administration and teachers confirm teachers and students. A student has nothing more to do here: the school decides, and this window shows where your record stands.</source>
        <translation>В SchoolGate администрация школы и учителя подтверждают педагогов и обучающихся. Ученику здесь больше ничего делать не нужно: решает школа, а в этом окне видно, что с вашей записью.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Запрос к серверу…</translation>
    </message>
    <message>
        <source>This is a parent&apos;s account.</source>
        <translation>Это учётная запись родителя.</translation>
    </message>
    <message>
        <source>This account has no record in a school yet. If you applied, confirm your e-mail with the link from the letter; the school decides after that.</source>
        <translation>У этой учётной записи пока нет записи в школе. Если вы подавали заявку, подтвердите адрес электронной почты по ссылке из письма — после этого решение примет школа.</translation>
    </message>
    <message>
        <source>Your record is waiting for the school&apos;s decision.</source>
        <translation>Ваша запись ждёт решения школы.</translation>
    </message>
    <message>
        <source>The school has confirmed you as a student of class %1.</source>
        <translation>Школа подтвердила вас как обучающегося %1 класса.</translation>
    </message>
    <message>
        <source>The school has confirmed you.</source>
        <translation>Школа подтвердила вас.</translation>
    </message>
    <message>
        <source>The school has not confirmed you. If this is a mistake, ask the school: it can decide again.</source>
        <translation>Школа не подтвердила вас. Если это ошибка, обратитесь в школу: она может рассмотреть решение снова.</translation>
    </message>
    <message>
        <source>The school has not confirmed you. Reason: %1
If this is a mistake, ask the school: it can decide again.</source>
        <translation>Школа не подтвердила вас. Причина: %1
Если это ошибка, обратитесь в школу: она может рассмотреть решение снова.</translation>
    </message>
    <message>
        <source>You have graduated from the school.</source>
        <translation>Вы окончили школу.</translation>
    </message>
    <message>
        <source>You are no longer on the school&apos;s list.</source>
        <translation>Вы больше не числитесь в школе.</translation>
    </message>
    <message>
        <source>School: %1</source>
        <translation>Школа: %1</translation>
    </message>
    <message>
        <source>The server could not be asked: %1</source>
        <translation>Не удалось обратиться к серверу: %1</translation>
    </message>
</context>
<context>
    <name>sg::ui::ReportDialog</name>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Send report</source>
        <translation>Отправить отчёт</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Report preview</source>
        <translation>Просмотр отчёта</translation>
    </message>
    <message>
        <source>There is nothing to send: every decision is already reported.</source>
        <translation>Отправлять нечего: все решения уже включены в отчёты.</translation>
    </message>
    <message numerus="yes">
        <source>These %n decision(s) will go into the next report. Check them and press «Send report». Once sent, they can no longer be taken back.</source>
        <translation>
            <numerusform>В следующий отчёт войдёт %n решение. Проверьте список и нажмите «Отправить отчёт». После отправки отменить решения будет нельзя.</numerusform>
            <numerusform>В следующий отчёт войдут %n решения. Проверьте список и нажмите «Отправить отчёт». После отправки отменить решения будет нельзя.</numerusform>
            <numerusform>В следующий отчёт войдут %n решений. Проверьте список и нажмите «Отправить отчёт». После отправки отменить решения будет нельзя.</numerusform>
        </translation>
    </message>
    <message>
        <source>Report No. %1</source>
        <translation>Отчёт № %1</translation>
    </message>
    <message>
        <source>Sent on %1 by %2.</source>
        <translation>Дата отправки: %1. Отправитель: %2.</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(неизвестно)</translation>
    </message>
    <message>
        <source>There are no new decisions to report.</source>
        <translation>Нет новых решений для отчёта.</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Всего</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Педагоги</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Обучающиеся</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Decisions in the report</source>
        <translation>Решения в отчёте</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Save the report as a PDF document to print or send by e-mail</source>
        <translation>Сохранить отчёт в PDF, чтобы распечатать или отправить по эл. почте</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Сохранить в PDF</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Save the decisions as a table for Excel or LibreOffice</source>
        <translation>Сохранить решения в таблицу для Excel или LibreOffice</translation>
    </message>
    <message>
        <source>Save as CSV</source>
        <translation>Сохранить в CSV</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Send these decisions to the programme as the next report</source>
        <translation>Отправить эти решения следующим отчётом</translation>
    </message>
    <message>
        <source>New: not in the preview you saw before</source>
        <translation>Новое: этого не было в предпросмотре, который вы видели</translation>
    </message>
    <message>
        <source>Changed since the preview you saw before</source>
        <translation>Изменилось после предпросмотра, который вы видели</translation>
    </message>
    <message>
        <source>person No. %1</source>
        <translation>человек № %1</translation>
    </message>
    <message>
        <source>The report was not sent: the decisions changed after the preview.</source>
        <translation>Отчёт не отправлен: решения изменились после предпросмотра.</translation>
    </message>
    <message>
        <source>Nothing was sent. This is what the report would hold now:</source>
        <translation>Ничего не отправлено. Вот что отчёт содержал бы сейчас:</translation>
    </message>
    <message numerus="yes">
        <source>%n new line(s)</source>
        <translation>
            <numerusform>%n новая строка</numerusform>
            <numerusform>%n новые строки</numerusform>
            <numerusform>%n новых строк</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed line(s)</source>
        <translation>
            <numerusform>%n изменённая строка</numerusform>
            <numerusform>%n изменённые строки</numerusform>
            <numerusform>%n изменённых строк</numerusform>
        </translation>
    </message>
    <message>
        <source>no longer in it: %1</source>
        <translation>больше не входят: %1</translation>
    </message>
    <message>
        <source>the same people, decided again</source>
        <translation>те же люди, решения приняты заново</translation>
    </message>
    <message>
        <source>Check it and press «Send report» again.</source>
        <translation>Проверьте и снова нажмите «Отправить отчёт».</translation>
    </message>
</context>
<context>
    <name>sg::ui::ReportsPanel</name>
    <message numerus="yes">
        <source>Report No. %1 is sent: %n decision(s).</source>
        <translation>
            <numerusform>Отчёт № %1 отправлен: %n решение.</numerusform>
            <numerusform>Отчёт № %1 отправлен: %n решения.</numerusform>
            <numerusform>Отчёт № %1 отправлен: %n решений.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) not reported yet. Send a report each time you have approved or rejected people.</source>
        <translation>
            <numerusform>%n решение ещё не включено в отчёт. Отправляйте отчёт каждый раз после подтверждения или отклонения пользователей.</numerusform>
            <numerusform>%n решения ещё не включены в отчёт. Отправляйте отчёт каждый раз после подтверждения или отклонения пользователей.</numerusform>
            <numerusform>%n решений ещё не включено в отчёт. Отправляйте отчёт каждый раз после подтверждения или отклонения пользователей.</numerusform>
        </translation>
    </message>
    <message>
        <source>All decisions are reported.</source>
        <translation>Все решения включены в отчёты.</translation>
    </message>
    <message>
        <source>Preview and send…</source>
        <translation>Просмотреть и отправить…</translation>
    </message>
    <message>
        <source>See what the next report holds and send it</source>
        <translation>Посмотреть, что войдёт в следующий отчёт, и отправить его</translation>
    </message>
    <message>
        <source>Preview and send the report</source>
        <translation>Просмотреть и отправить отчёт</translation>
    </message>
    <message>
        <source>Decisions not reported</source>
        <translation>Решения, не включённые в отчёт</translation>
    </message>
    <message>
        <source>Sent reports</source>
        <translation>Отправленные отчёты</translation>
    </message>
    <message>
        <source>Double-click a report or press Enter to open it</source>
        <translation>Чтобы открыть отчёт, дважды щёлкните его или нажмите Enter</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Открыть…</translation>
    </message>
    <message>
        <source>Open the selected report</source>
        <translation>Открыть выбранный отчёт</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Refresh the list of reports</source>
        <translation>Обновить список отчётов</translation>
    </message>
    <message>
        <source>No reports have been sent yet.</source>
        <translation>Отчёты ещё не отправлялись.</translation>
    </message>
    <message>
        <source>CSV &amp;delimiter:</source>
        <translation>&amp;Разделитель в CSV:</translation>
    </message>
    <message>
        <source>Delimiter for CSV files</source>
        <translation>Разделитель полей в файлах CSV</translation>
    </message>
    <message>
        <source>Excel in Russian expects a semicolon; choose a comma or Tab for other programs</source>
        <translation>Русская версия Excel ожидает точку с запятой; для других программ выберите запятую или табуляцию</translation>
    </message>
    <message>
        <source>; (semicolon, for Excel)</source>
        <translation>; (точка с запятой, для Excel)</translation>
    </message>
    <message>
        <source>, (comma)</source>
        <translation>, (запятая)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Табуляция</translation>
    </message>
    <message numerus="yes">
        <source>Queued: a report of %n decision(s), saved on %1, is sent as soon as the server can be reached.</source>
        <translation>
            <numerusform>В очереди: отчёт из %n решения, сохранённый %1, будет отправлен, как только сервер станет доступен.</numerusform>
            <numerusform>В очереди: отчёт из %n решений, сохранённый %1, будет отправлен, как только сервер станет доступен.</numerusform>
            <numerusform>В очереди: отчёт из %n решений, сохранённый %1, будет отправлен, как только сервер станет доступен.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Do not send the queued report; its decisions count as not reported again</source>
        <translation>Не отправлять отчёт из очереди; его решения снова считаются не включёнными в отчёт</translation>
    </message>
    <message>
        <source>Cancel the queued report</source>
        <translation>Отменить отчёт в очереди</translation>
    </message>
</context>
<context>
    <name>sg::ui::SupportDialog</name>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>&lt;p&gt;Confirming teachers and students, for heads of organisations: &lt;b&gt;%1&lt;/b&gt;, weekdays 8:00–18:00 Moscow time.&lt;/p&gt;&lt;p&gt;Login and password problems: &lt;b&gt;%2&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;E-mail: &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;</source>
        <translation>&lt;p&gt;Подтверждение педагогов и обучающихся, для руководителей организаций: &lt;b&gt;%1&lt;/b&gt;, по будням с 8:00 до 18:00 по московскому времени.&lt;/p&gt;&lt;p&gt;Вопросы по логину и паролю: &lt;b&gt;%2&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Эл. почта: &lt;a href=&quot;mailto:%3&quot;&gt;%3&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Phones %1 and %2, e-mail %3. %4</source>
        <translation>Телефоны %1 и %2, эл. почта %3. %4</translation>
    </message>
</context>
<context>
    <name>sg::validators</name>
    <message>
        <source>Invisible character %1 at position %2 is not a digit or a Latin letter</source>
        <translation>Невидимый символ %1 в позиции %2 — не цифра и не латинская буква</translation>
    </message>
    <message>
        <source>Invisible character %1 at position %2 is not a digit</source>
        <translation>Невидимый символ %1 в позиции %2 — не цифра</translation>
    </message>
    <message>
        <source>Character “%1” at position %2 is a Cyrillic letter; use a Latin letter or a digit</source>
        <translation>Символ «%1» в позиции %2 — русская буква; используйте латинскую букву или цифру</translation>
    </message>
    <message>
        <source>Character “%1” at position %2 is not a digit or a Latin letter</source>
        <translation>Символ «%1» в позиции %2 — не цифра и не латинская буква</translation>
    </message>
    <message>
        <source>Character “%1” at position %2 is not a digit</source>
        <translation>Символ «%1» в позиции %2 — не цифра</translation>
    </message>
    <message>
        <source>Enter the number</source>
        <translation>Введите номер</translation>
    </message>
    <message>
        <source>Enter the INN</source>
        <translation>Введите ИНН</translation>
    </message>
    <message>
        <source>An organisation’s INN has 10 digits; this one has 12 digits and looks like a person’s INN</source>
        <translation>ИНН организации состоит из 10 цифр; здесь 12 цифр — похоже на ИНН физического лица</translation>
    </message>
    <message numerus="yes">
        <source>The INN has %n digit(s), but an organisation’s INN must have 10 digits</source>
        <translation>
            <numerusform>В ИНН %n цифра, а ИНН организации состоит из 10 цифр</numerusform>
            <numerusform>В ИНН %n цифры, а ИНН организации состоит из 10 цифр</numerusform>
            <numerusform>В ИНН %n цифр, а ИНН организации состоит из 10 цифр</numerusform>
        </translation>
    </message>
    <message>
        <source>A person’s INN has 12 digits; this one has 10 digits and looks like an organisation’s INN</source>
        <translation>ИНН физического лица состоит из 12 цифр; здесь 10 цифр — похоже на ИНН организации</translation>
    </message>
    <message numerus="yes">
        <source>The INN has %n digit(s), but a person’s INN must have 12 digits</source>
        <translation>
            <numerusform>В ИНН %n цифра, а ИНН физического лица состоит из 12 цифр</numerusform>
            <numerusform>В ИНН %n цифры, а ИНН физического лица состоит из 12 цифр</numerusform>
            <numerusform>В ИНН %n цифр, а ИНН физического лица состоит из 12 цифр</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The INN has %n digit(s), but it must have 10 digits (organisation) or 12 digits (person)</source>
        <translation>
            <numerusform>В ИНН %n цифра, а должно быть 10 (организация) или 12 (физическое лицо)</numerusform>
            <numerusform>В ИНН %n цифры, а должно быть 10 (организация) или 12 (физическое лицо)</numerusform>
            <numerusform>В ИНН %n цифр, а должно быть 10 (организация) или 12 (физическое лицо)</numerusform>
        </translation>
    </message>
    <message>
        <source>The INN cannot start with 00: there is no region with code 00</source>
        <translation>ИНН не может начинаться с 00: региона с кодом 00 нет</translation>
    </message>
    <message>
        <source>Enter the KPP</source>
        <translation>Введите КПП</translation>
    </message>
    <message numerus="yes">
        <source>The KPP has %n character(s), but it must have 9</source>
        <translation>
            <numerusform>В КПП %n символ, а должно быть 9</numerusform>
            <numerusform>В КПП %n символа, а должно быть 9</numerusform>
            <numerusform>В КПП %n символов, а должно быть 9</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the OGRN</source>
        <translation>Введите ОГРН</translation>
    </message>
    <message>
        <source>The OGRN has 15 digits, but it must have 13 digits; 15 digits is the length of an OGRNIP</source>
        <translation>В ОГРН 15 цифр, а должно быть 13; 15 цифр — это длина ОГРНИП</translation>
    </message>
    <message numerus="yes">
        <source>The OGRN has %n digit(s), but it must have 13 digits</source>
        <translation>
            <numerusform>В ОГРН %n цифра, а должно быть 13</numerusform>
            <numerusform>В ОГРН %n цифры, а должно быть 13</numerusform>
            <numerusform>В ОГРН %n цифр, а должно быть 13</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the OGRNIP</source>
        <translation>Введите ОГРНИП</translation>
    </message>
    <message>
        <source>The OGRNIP has 13 digits, but it must have 15 digits; 13 digits is the length of an OGRN</source>
        <translation>В ОГРНИП 13 цифр, а должно быть 15; 13 цифр — это длина ОГРН</translation>
    </message>
    <message numerus="yes">
        <source>The OGRNIP has %n digit(s), but it must have 15 digits</source>
        <translation>
            <numerusform>В ОГРНИП %n цифра, а должно быть 15</numerusform>
            <numerusform>В ОГРНИП %n цифры, а должно быть 15</numerusform>
            <numerusform>В ОГРНИП %n цифр, а должно быть 15</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the SNILS</source>
        <translation>Введите СНИЛС</translation>
    </message>
    <message numerus="yes">
        <source>The SNILS has %n digit(s), but it must have 11 digits</source>
        <translation>
            <numerusform>В СНИЛС %n цифра, а должно быть 11</numerusform>
            <numerusform>В СНИЛС %n цифры, а должно быть 11</numerusform>
            <numerusform>В СНИЛС %n цифр, а должно быть 11</numerusform>
        </translation>
    </message>
    <message>
        <source>The INN is invalid: its %1th digit (the check digit) does not match the other digits. Check the whole number against the documents: one mistyped digit anywhere makes it invalid.</source>
        <translation>ИНН неверен: его %1-я цифра (контрольная) не сходится с остальными. Сверьте весь номер с документами: ошибка в любой цифре делает его неверным.</translation>
    </message>
    <message>
        <source>The OGRN is invalid: its 13th digit (the check digit) does not match the other digits. Check the whole number against the documents: one mistyped digit anywhere makes it invalid.</source>
        <translation>ОГРН неверен: его 13-я цифра (контрольная) не сходится с остальными. Сверьте весь номер с документами: ошибка в любой цифре делает его неверным.</translation>
    </message>
    <message>
        <source>The OGRNIP is invalid: its 15th digit (the check digit) does not match the other digits. Check the whole number against the documents: one mistyped digit anywhere makes it invalid.</source>
        <translation>ОГРНИП неверен: его 15-я цифра (контрольная) не сходится с остальными. Сверьте весь номер с документами: ошибка в любой цифре делает его неверным.</translation>
    </message>
    <message>
        <source>The SNILS is invalid: its check number (the last two digits) does not match the other digits. Check the whole number against the insurance certificate: one mistyped digit anywhere makes it invalid.</source>
        <translation>СНИЛС неверен: его контрольное число (две последние цифры) не сходится с остальными цифрами. Сверьте весь номер со страховым свидетельством: ошибка в любой цифре делает его неверным.</translation>
    </message>
</context>
</TS>
