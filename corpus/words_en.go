package corpus

// English core vocabulary. Each line is one word and its inflected forms,
// the base form first; the generator picks a form at random, so that the
// corpus has the plurals and verb forms a stemmer must join.
const englishNouns = `
minister ministers
ministry ministries
summit summits
meeting meetings
talks
agreement agreements
deal deals
treaty treaties
delegation delegations
president presidents
government governments
parliament parliaments
election elections
vote votes
sanction sanctions
economy economies
market markets
trade
export exports
import imports
price prices
oil
gas
pipeline pipelines
refinery refineries
grain grains
wheat
harvest harvests
port ports
railway railways
corridor corridors
route routes
shipment shipments
cargo cargoes
tanker tankers
bank banks
rouble roubles
dirham dirhams
investment investments
investor investors
company companies
factory factories
plant plants
reactor reactors
station stations
satellite satellites
launch launches
university universities
student students
scholar scholars
manuscript manuscripts
library libraries
museum museums
exhibition exhibitions
festival festivals
mosque mosques
pilgrim pilgrims
pilgrimage pilgrimages
season seasons
tourist tourists
flight flights
airline airlines
visa visas
border borders
region regions
city cities
capital capitals
province provinces
village villages
river rivers
sea seas
drought droughts
water
climate
energy
power
electricity
hydrogen
technology technologies
research
scientist scientists
report reports
forecast forecasts
statement statements
interview interviews
conference conferences
forum forums
council councils
committee committees
commission commissions
envoy envoys
ambassador ambassadors
embassy embassies
army armies
ceasefire ceasefires
security
crisis crises
dispute disputes
negotiation negotiations
partnership partnerships
cooperation
alliance alliances
bloc blocs
fund funds
loan loans
budget budgets
tax taxes
inflation
growth
production
output
supply supplies
demand
quota quotas
contract contracts
tender tenders
project projects
plan plans
strategy strategies
program programs
language languages
translation translations
school schools
teacher teachers
book books
film films
artist artists
calligraphy
heritage
tradition traditions
wall walls
fortress fortresses
ice
glacier glaciers
expedition expeditions
ship ships
icebreaker icebreakers
harbour harbours
`

const englishVerbs = `
meet meets met meeting
sign signs signed signing
discuss discusses discussed discussing
announce announces announced announcing
agree agrees agreed agreeing
open opens opened opening
launch launches launched launching
raise raises raised raising
cut cuts cutting
expand expands expanded expanding
visit visits visited visiting
host hosts hosted hosting
approve approves approved approving
reject rejects rejected rejecting
build builds built building
ship ships shipped shipping
export exports exported exporting
import imports imported importing
invest invests invested investing
study studies studied studying
publish publishes published publishing
show shows showed showing
warn warns warned warning
expect expects expected expecting
plan plans planned planning
welcome welcomes welcomed welcoming
support supports supported supporting
increase increases increased increasing
reduce reduces reduced reducing
extend extends extended extending
resume resumes resumed resuming
suspend suspends suspended suspending
review reviews reviewed reviewing
propose proposes proposed proposing
complete completes completed completing
test tests tested testing
restore restores restored restoring
`

const englishAdjectives = `
new
joint
bilateral
regional
annual
national
international
economic
political
financial
industrial
cultural
historic
ancient
modern
northern
southern
eastern
western
central
arctic
islamic
arab
russian
gulf
caspian
nuclear
digital
agricultural
strategic
official
final
first
second
record
major
small
large
long
short
high
low
rapid
slow
future
previous
direct
`

const englishStops = `the the the of of in in on and and to with for by at from a a as that`
