package analysis

// arabicStopWords are function words too common to search for, written as in
// text; they are compared after normalisation (with ى kept apart from ي, see
// arabic.isStop). Forms with a conjunction or preposition attached are listed
// as well, because the stemmer does not strip clitics from words this short.
// Verbs of saying (قال) are deliberately not stop words: "X said" is news.
const arabicStopWords = `
في من إلى على عن مع بين أن إن أنه إنه أنها إنها أنهم إنهم لأن بأن كأن بأنه بأنها لأنه لكن ولكن
بل أو أم ثم حتى إذا إذ لو لولا كي لكي لم لن لا ما ماذا متى أين كيف لماذا هل قد لقد
كان كانت كانوا يكون تكون يكن ليس ليست هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك هنا هناك هنالك
الذي التي الذين اللذان اللتان اللواتي اللاتي هو هي هم هما هن أنا نحن أنت أنتم
له لها لهم لهما به بها بهم فيه فيها فيهم منه منها منهم عليه عليها عليهم عنه عنها عنهم
إليه إليها إليهم بينهم بينهما كل بعض غير سوى عند عندما لدى حيث حين بعد قبل خلال ضد نحو حول
منذ دون أي أيضا أيضاً فقط كما مثل إلا ألا أما إما ذات وفي ومن وإلى وعلى وعن ومع وأن وإن ولا وما
وقد ولم ولن وهو وهي وهم وهذا وهذه وذلك وكان وكانت والتي والذي والذين فإن فقد فلا فهو فهي فيما
بينما كذلك جميع ضمن تم يتم وتم الآن يا أيها لدي إذن كلا بلى عليك إياه أمام وراء تحت فوق
سيكون ستكون فمن ففي فما فلم فلن بما مما عما كلما ربما إنما لما سواء
`

// arabicProtectedWords are common words whose first letter is و ف ب ل ك as
// a root letter, not a clitic: the stemmer never strips it (nor from their
// suffixed forms, such as وزارات for وزارة). The list favours news
// vocabulary; a word missing here is stemmed consistently all the same, only
// to a stem that may meet an unrelated word.
const arabicProtectedWords = `
وزير وزراء وزارة وطن وطني وفد وضع وقت وقع واقع واقعة وكالة وكيل ولاية وجود وجه وجهة وسط وسيلة
وسائل واحد وحدة ورقة وثيقة وثائق وظيفة وعد ولد والد والدة وصول وصف وزن ورد وارد وقف واجب
وحيد ولي ودي ودية وقود وباء وفاة وفاق وفد وضوح واضح ورشة وادي وريث وسام وصية وفرة وصي وعي وفير
فريق فترة فكرة فرصة فوز فرع فصل فعل فقر فندق فني فيلم فيروس فائدة فساد فرد فضاء فضل فلسفة
فحص فرقة فصيل فلاح فرار فئة فوضى
بلد بلاد بلدة بلدية بيان بيانات بحث بحر بحيرة برنامج بنك بيت بطولة بطل بداية بديل بناء بنية
بيئة بطاقة باب بعثة بطالة بورصة بنزين بشر بيع بند بنود بريد بقاء براءة بصمة بروتوكول بضاعة
لجنة لقاء لاعب لعب لعبة لغة لحظة لائحة لقب ليل ليلة لون لحم لواء لجوء لاجئ لوحة لباس لقاح
لياقة لغز لاعبة لجان
كتاب كاتب كلمة كبير كثير كرة كأس كهرباء كلية كنيسة كمية كيان كارثة كشف كرسي كفاءة كاميرا
كلفة كوكب كنز كتلة كفاح كرامة كتيبة كمين كوادر كهف
`

// arabicFrozenWords are kept whole once the stemmer reaches them, with any
// clitics and suffixes around them stripped: names of people and places that
// look like a clitic plus a word (بوتين is not ب + وتين) or like a word plus a
// suffix (لبنان is not لبن + ان, milk). Also the Kremlin as the reference
// article spells it (الكرميلن).
const arabicFrozenWords = `
بوتين بطرسبورغ فلاديمير بيلاروسيا بيلاروس كازاخستان لوكاشينكو باشينيان بيسكوف كرملين كرميلن
لافروف ماكرون بايدن واشنطن بكين لندن باريس برلين بغداد بيروت بريطانيا فرنسا فلسطين لبنان ليبيا
كندا كوريا كوبا فنزويلا فيتنام بولندا بلجيكا برازيل إيران سودان يابان كويت ألمانيا
فنلندا بلغاريا كرواتيا فيينا كييف باكو بروكسل براغ بودابست بانكوك بنغلاديش باكستان أفغانستان
قيرغيزستان طاجيكستان تركمانستان أوزبكستان كردستان يونان برلمان بلغراد لاهاي لشبونة
كولومبيا كينيا فيلادلفيا ويلز فيرجينيا لوس بنما بيرو ألكسندر ألمان فرنس الله كانون تشرين
`
