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
        <source>This password is too well known. Choose another one.</source>
        <translation>Этот пароль слишком распространён. Выберите другой.</translation>
    </message>
    <message>
        <source>The password must not contain the login.</source>
        <translation>Пароль не должен содержать логин.</translation>
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
        <translation>Ответ сервера — не корректный JSON.</translation>
    </message>
    <message>
        <source>The server did not answer within %1 seconds.</source>
        <translation>Сервер не ответил за %1 с.</translation>
    </message>
    <message>
        <source>The attached file is not a PDF, JPEG or PNG file.</source>
        <translation>Приложенный файл — не PDF, JPEG или PNG.</translation>
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
        <translation>Тело запроса — не корректный JSON: %1 (позиция %2).</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>Тело запроса должно быть объектом JSON.</translation>
    </message>
    <message>
        <source>This method is not allowed here.</source>
        <translation>Этот метод здесь не поддерживается.</translation>
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
        <translation>Учителю видны только обучающиеся его классов.</translation>
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
        <source>must have at least 8 characters</source>
        <translation>должно содержать не менее 8 символов</translation>
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
        <source>The key %1 appears twice in the batch.</source>
        <translation>Ключ %1 встречается в пакете дважды.</translation>
    </message>
    <message>
        <source>There are no new decisions to report.</source>
        <translation>Нет новых решений для отчёта.</translation>
    </message>
    <message>
        <source>There is no unreported decision on this person to take back.</source>
        <translation>По этому пользователю нет решения, не включённого в отчёт, — отменять нечего.</translation>
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
        <source>from the e-mail sent to your organisation</source>
        <translation>из письма на почту организации</translation>
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
</context>
<context>
    <name>sg::ui::MainWindow</name>
    <message>
        <source>Talking to the server…</source>
        <translation>Обмен данными с сервером…</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n decision(s).</source>
        <translation>
            <numerusform>Сохранено решений: %n.</numerusform>
            <numerusform>Сохранено решений: %n.</numerusform>
            <numerusform>Сохранено решений: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) were changed by someone else meanwhile: the table shows the current state.</source>
        <translation>
            <numerusform>%n запись тем временем изменил другой пользователь: в таблице — текущее состояние.</numerusform>
            <numerusform>%n записи тем временем изменил другой пользователь: в таблице — текущее состояние.</numerusform>
            <numerusform>%n записей тем временем изменил другой пользователь: в таблице — текущее состояние.</numerusform>
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
    <message>
        <source>Connected: %1</source>
        <translation>Подключено: %1</translation>
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
        <source>Reject the selected people (a reason is required)</source>
        <translation>Отклонить выбранных пользователей (нужна причина)</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Педагоги</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Обучающиеся</translation>
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
        <source>The INN is invalid: the %1th digit (check digit) should be %2, not %3</source>
        <translation>ИНН неверен: %1-я цифра (контрольная) должна быть %2, а не %3</translation>
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
        <source>The OGRN is invalid: the 13th digit (check digit) should be %1, not %2</source>
        <translation>ОГРН неверен: 13-я цифра (контрольная) должна быть %1, а не %2</translation>
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
        <source>The OGRNIP is invalid: the 15th digit (check digit) should be %1, not %2</source>
        <translation>ОГРНИП неверен: 15-я цифра (контрольная) должна быть %1, а не %2</translation>
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
        <source>The SNILS is invalid: the check number (the last two digits) should be %1, not %2</source>
        <translation>СНИЛС неверен: контрольное число (две последние цифры) должно быть %1, а не %2</translation>
    </message>
</context>
</TS>
