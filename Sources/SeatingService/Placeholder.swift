import Seating
